//! What serde's container attribute `rename_all` makes of a field name, so that an emitter can
//! tell which members need a `rename` of their own: serde's rule, reproduced (serde_derive's
//! `RenameRule::apply_to_field`, on the field name without its `r#`).

/// The `rename_all` rules the generator uses: botocore member names are PascalCase
/// (`CacheClusterId`) in most models and camelCase (`roleName`) in many restJson ones.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RenameAll {
    /// `rename_all = "PascalCase"`.
    Pascal,
    /// `rename_all = "camelCase"`.
    Camel,
}

impl RenameAll {
    /// The attribute's value.
    pub fn as_str(self) -> &'static str {
        match self {
            RenameAll::Pascal => "PascalCase",
            RenameAll::Camel => "camelCase",
        }
    }

    /// The name serde gives field `field` (a Rust field name, possibly raw: `r#type`).
    pub fn apply(self, field: &str) -> String {
        let field = field.strip_prefix("r#").unwrap_or(field);
        let mut pascal = String::with_capacity(field.len());
        let mut capitalize = true;
        for ch in field.chars() {
            if ch == '_' {
                capitalize = true;
            } else if capitalize {
                pascal.push(ch.to_ascii_uppercase());
                capitalize = false;
            } else {
                pascal.push(ch);
            }
        }
        match self {
            RenameAll::Pascal => pascal,
            RenameAll::Camel => {
                let mut chars = pascal.chars();
                match chars.next() {
                    Some(first) => first.to_ascii_lowercase().to_string() + chars.as_str(),
                    None => pascal,
                }
            }
        }
    }

    /// The rule that gives the most of `(field, wire name)` pairs their wire name, if it gives
    /// at least one (PascalCase on a tie).
    pub fn best<'a>(pairs: impl Iterator<Item = (&'a str, &'a str)> + Clone) -> Option<RenameAll> {
        let hits = |rule: RenameAll| {
            pairs
                .clone()
                .filter(|(field, wire)| rule.apply(field) == *wire)
                .count()
        };
        let (pascal, camel) = (hits(RenameAll::Pascal), hits(RenameAll::Camel));
        match (pascal, camel) {
            (0, 0) => None,
            (p, c) if p >= c => Some(RenameAll::Pascal),
            _ => Some(RenameAll::Camel),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RenameAll::{self, Camel, Pascal};

    #[test]
    fn serde_rules_as_serde_applies_them() {
        assert_eq!(Pascal.apply("cache_cluster_id"), "CacheClusterId");
        assert_eq!(Pascal.apply("r#type"), "Type");
        assert_eq!(Pascal.apply("arn"), "Arn"); // `ARN` needs its own rename
        assert_eq!(Pascal.apply("s3_key"), "S3Key");
        assert_eq!(Camel.apply("role_name"), "roleName");
        assert_eq!(Camel.apply("r#type"), "type");
        assert_eq!(Pascal.apply(""), "");
        assert_eq!(Camel.apply(""), "");
    }

    #[test]
    fn the_rule_matching_most_members_wins() {
        let pascal = [("cache_cluster_id", "CacheClusterId"), ("arn", "ARN")];
        assert_eq!(RenameAll::best(pascal.into_iter()), Some(Pascal));
        let camel = [
            ("role_name", "roleName"),
            ("account_id", "accountId"),
            ("x", "X"),
        ];
        assert_eq!(RenameAll::best(camel.into_iter()), Some(Camel));
        let none = [("arn", "ARN")];
        assert_eq!(RenameAll::best(none.into_iter()), None);
    }
}
