//! AWS-aware word splitting and the `snake_case` / `PascalCase` conversions built on it.
//!
//! AWS model names mix conventions (`DBInstanceIdentifier`, `NotificationARNs`, `IpV6Address`,
//! `TotalGpuMemoryInMiB`, `cross-az`, `CROSS_AZ`), and a plain camel-case splitter breaks them in
//! the wrong places (`ar_ns`, `ip_v6`, `mi_b`). [`split_words`] applies the rules below, in this
//! order of precedence, and the case functions only re-join its words.
//!
//! # Rules
//!
//! 1. **Separators.** Every character that is not an ASCII letter or digit (`_`, `-`, `.`, `/`,
//!    `:`, spaces, non-ASCII letters, emoji…) ends the current word and is dropped:
//!    `X-Amz-Target` → `x`,`amz`,`target`; `cache.t2.micro` → `cache`,`t2`,`micro`.
//! 2. **Lower → upper** starts a word: `fooBar` → `foo`,`bar`.
//! 3. **Acronym runs.** In a run of capitals, the last capital starts a new word when a lowercase
//!    letter follows it: `HTTPResponseCode` → `http`,`response`,`code`. Acronyms are not split
//!    further (there is no dictionary), so `SSEKMSKeyId` → `ssekms`,`key`,`id`.
//! 4. **Plural acronyms.** A run of two or more capitals followed by a single `s` that ends the
//!    word (end of input, or anything but a lowercase letter next) keeps the `s`:
//!    `ACLs` → `acls`, `NotificationARNs` → `notification`,`arns`, `PreferredCacheClusterAZs`.
//! 5. **Digits** never start a word; they stay with the letters before them. After digits, a
//!    capital starts a new word and a lowercase letter does not: `S3Bucket` → `s3`,`bucket`;
//!    `EC2SecurityGroup` → `ec2`,`security`,`group`; `s3key` → `s3key`.
//! 6. **Version suffixes.** `v`/`V` followed by digits (and then anything but a lowercase
//!    letter), directly after a letter, glues to the word before it: `IpV6Address` →
//!    `ipv6`,`address`; `IPv6` → `ipv6`; `DynamoDBv2Action` → `dynamo`,`dbv2`,`action`. At the
//!    start of a run it is an ordinary word: `V2Config` → `v2`,`config`.
//! 7. **Binary units.** `KiB`, `MiB`, `GiB`, `TiB`, `PiB`, `EiB` (not followed by a lowercase
//!    letter) are one word: `TotalGpuMemoryInMiB` → `total`,`gpu`,`memory`,`in`,`mib`.
//!
//! [`snake_case`] lowercases the words and joins them with `_`; it is idempotent, and
//! `split_words(&snake_case(x))` gives the lowercased words of `x`. [`pascal_case`] capitalises
//! the first letter of each word, lowercases the rest, and joins them directly, except that a
//! `_` is kept between two words when the first ends and the second starts with a digit, so
//! `TLS1.2` → `Tls1_2` (not `Tls12`) and `1.0` → `1_0` stay readable and distinct.
//!
//! These functions only convert case: the result may be empty, start with a digit or be a
//! keyword. Use [`super::ident`](mod@super::ident) for Rust identifiers.

/// Splits a model name into its words, following the module's rules. The words keep the
/// original letter case; only ASCII letters and digits appear in them, and none is empty.
pub fn split_words(name: &str) -> Vec<String> {
    let mut words = Vec::new();
    let chars: Vec<char> = name.chars().collect();
    let mut start = 0;
    while start < chars.len() {
        if !chars[start].is_ascii_alphanumeric() {
            start += 1;
            continue;
        }
        let mut end = start;
        while end < chars.len() && chars[end].is_ascii_alphanumeric() {
            end += 1;
        }
        split_run(&chars[start..end], &mut words);
        start = end;
    }
    words
}

/// Whether `run[at..]` is a version suffix: `v`/`V`, one or more digits, then the end of the
/// run or anything but a lowercase letter.
fn version_at(run: &[char], at: usize) -> bool {
    if !matches!(run.get(at), Some('v' | 'V')) {
        return false;
    }
    let digits = run[at + 1..]
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .count();
    digits > 0
        && !run
            .get(at + 1 + digits)
            .is_some_and(char::is_ascii_lowercase)
}

/// Whether `run[at..]` is a binary unit (`KiB` … `EiB`) not followed by a lowercase letter.
fn unit_at(run: &[char], at: usize) -> bool {
    matches!(run.get(at), Some('K' | 'M' | 'G' | 'T' | 'P' | 'E'))
        && run.get(at + 1) == Some(&'i')
        && run.get(at + 2) == Some(&'B')
        && !run.get(at + 3).is_some_and(char::is_ascii_lowercase)
}

/// Splits one run of ASCII letters and digits into words, appending them to `words`.
fn split_run(run: &[char], words: &mut Vec<String>) {
    let mut current = String::new();
    let flush = |current: &mut String, words: &mut Vec<String>| {
        if !current.is_empty() {
            words.push(std::mem::take(current));
        }
    };
    let mut i = 0;
    while i < run.len() {
        let c = run[i];
        if unit_at(run, i) {
            flush(&mut current, words);
            words.push(run[i..i + 3].iter().collect());
            i += 3;
            continue;
        }
        if current.is_empty() {
            current.push(c);
            i += 1;
            continue;
        }
        let prev = run[i - 1];
        if prev.is_ascii_alphabetic() && version_at(run, i) {
            // Rule 6: the version letter and its digits join the current word.
            current.push(c);
            i += 1;
            while i < run.len() && run[i].is_ascii_digit() {
                current.push(run[i]);
                i += 1;
            }
            continue;
        }
        if c.is_ascii_uppercase() {
            if !prev.is_ascii_uppercase() {
                // Rules 2 and 5: a capital after a lowercase letter or a digit.
                flush(&mut current, words);
            } else if run.get(i + 1).is_some_and(char::is_ascii_lowercase) {
                let plural =
                    run[i + 1] == 's' && !run.get(i + 2).is_some_and(char::is_ascii_lowercase);
                if plural {
                    // Rule 4: `ARNs`.
                    current.push(c);
                    current.push('s');
                    i += 2;
                    flush(&mut current, words);
                    continue;
                }
                if !version_at(run, i + 1) {
                    // Rule 3: the last capital of a run starts the next word.
                    flush(&mut current, words);
                }
            }
        }
        current.push(c);
        i += 1;
    }
    flush(&mut current, words);
}

/// Converts a model name to `snake_case`: the lowercased words joined with `_`.
///
/// Returns an empty string when the name has no ASCII letter or digit. The result may start
/// with a digit or be a Rust keyword; see [`super::ident::field_name`] for identifiers.
pub fn snake_case(name: &str) -> String {
    split_words(name)
        .iter()
        .map(|word| word.to_ascii_lowercase())
        .collect::<Vec<_>>()
        .join("_")
}

/// Converts a model name to `PascalCase`: each word capitalised and joined, with `_` kept only
/// between a word ending in a digit and a word starting with one (`Tls1_2`).
///
/// Returns an empty string when the name has no ASCII letter or digit. The result may start
/// with a digit; see [`super::ident::type_name`] for identifiers.
pub fn pascal_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for word in split_words(name) {
        let digit_boundary = out.ends_with(|c: char| c.is_ascii_digit())
            && word.starts_with(|c: char| c.is_ascii_digit());
        if digit_boundary {
            out.push('_');
        }
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            out.extend(chars.map(|c| c.to_ascii_lowercase()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `(model name, snake_case, PascalCase)`.
    const TABLE: &[(&str, &str, &str)] = &[
        // From the brief.
        ("ACLs", "acls", "Acls"),
        ("NotificationARNs", "notification_arns", "NotificationArns"),
        ("CIDRs", "cidrs", "Cidrs"),
        ("DynamoDBv2Action", "dynamo_dbv2_action", "DynamoDbv2Action"),
        (
            "TotalGpuMemoryInMiB",
            "total_gpu_memory_in_mib",
            "TotalGpuMemoryInMib",
        ),
        ("IpV6Address", "ipv6_address", "Ipv6Address"),
        ("s3key", "s3key", "S3key"),
        ("DBProxy", "db_proxy", "DbProxy"),
        ("IAMUser", "iam_user", "IamUser"),
        ("cross-az", "cross_az", "CrossAz"),
        (
            "SourceSnapshotName",
            "source_snapshot_name",
            "SourceSnapshotName",
        ),
        ("KmsKeyId", "kms_key_id", "KmsKeyId"),
        ("ARN", "arn", "Arn"),
        ("VpcId", "vpc_id", "VpcId"),
        ("CacheClusterId", "cache_cluster_id", "CacheClusterId"),
        (
            "EC2SecurityGroupName",
            "ec2_security_group_name",
            "Ec2SecurityGroupName",
        ),
        ("NodeGroupId", "node_group_id", "NodeGroupId"),
        ("IPv6", "ipv6", "Ipv6"),
        ("IpV4Address", "ipv4_address", "Ipv4Address"),
        ("SSEKMSKeyId", "ssekms_key_id", "SsekmsKeyId"),
        (
            "DBInstanceIdentifier",
            "db_instance_identifier",
            "DbInstanceIdentifier",
        ),
        (
            "CacheNodeIdsToReboot",
            "cache_node_ids_to_reboot",
            "CacheNodeIdsToReboot",
        ),
        ("NumCacheNodes", "num_cache_nodes", "NumCacheNodes"),
        (
            "PreferredOutpostArns",
            "preferred_outpost_arns",
            "PreferredOutpostArns",
        ),
        ("TLSEnabled", "tls_enabled", "TlsEnabled"),
        ("GiB", "gib", "Gib"),
        ("MemoryInMiB", "memory_in_mib", "MemoryInMib"),
        ("foo_bar", "foo_bar", "FooBar"),
        ("FooBar", "foo_bar", "FooBar"),
        ("fooBar", "foo_bar", "FooBar"),
        ("HTTPResponseCode", "http_response_code", "HttpResponseCode"),
        ("X-Amz-Target", "x_amz_target", "XAmzTarget"),
        ("S3Bucket", "s3_bucket", "S3Bucket"),
        ("Ec2InstanceId", "ec2_instance_id", "Ec2InstanceId"),
        (
            "CopySnapshotMessage",
            "copy_snapshot_message",
            "CopySnapshotMessage",
        ),
        ("InvalidARNFault", "invalid_arn_fault", "InvalidArnFault"),
        // Seen in the vendored models.
        ("ACLsUpdateStatus", "acls_update_status", "AclsUpdateStatus"),
        (
            "PreferredCacheClusterAZs",
            "preferred_cache_cluster_azs",
            "PreferredCacheClusterAzs",
        ),
        ("IPV4", "ipv4", "Ipv4"),
        ("ipv6", "ipv6", "Ipv6"),
        ("CROSS_AZ", "cross_az", "CrossAz"),
        ("WAITING_TO_START", "waiting_to_start", "WaitingToStart"),
        ("n/a", "n_a", "NA"),
        (
            "AmazonElastiCacheV9",
            "amazon_elasti_cachev9",
            "AmazonElastiCachev9",
        ),
        ("S3BucketName", "s3_bucket_name", "S3BucketName"),
        ("cache.t2.micro", "cache_t2_micro", "CacheT2Micro"),
        // Rule edges.
        ("IDs", "ids", "Ids"),
        ("Is", "is", "Is"),
        ("IDsomething", "i_dsomething", "IDsomething"),
        ("ARNsList", "arns_list", "ArnsList"),
        ("AWSServices", "aws_services", "AwsServices"),
        ("V2Config", "v2_config", "V2Config"),
        ("v2", "v2", "V2"),
        ("DBV2Action", "dbv2_action", "Dbv2Action"),
        ("Version2beta", "version2beta", "Version2beta"),
        ("MiBps", "mi_bps", "MiBps"),
        ("GiBPerSecond", "gib_per_second", "GibPerSecond"),
        ("SizeInGB", "size_in_gb", "SizeInGb"),
        ("Size10GiB", "size10_gib", "Size10Gib"),
        ("TLS1.2", "tls1_2", "Tls1_2"),
        ("1.0", "1_0", "1_0"),
        ("10", "10", "10"),
        ("1abc", "1abc", "1abc"),
        ("2FA", "2_fa", "2Fa"),
        ("a-b", "a_b", "AB"),
        ("a_b", "a_b", "AB"),
        ("  spaced  out ", "spaced_out", "SpacedOut"),
        ("café", "caf", "Caf"),
        ("", "", ""),
        ("---", "", ""),
        ("😀", "", ""),
        ("a::b", "a_b", "AB"),
    ];

    #[test]
    fn table() {
        let mut failures = Vec::new();
        for &(name, snake, pascal) in TABLE {
            let got = (snake_case(name), pascal_case(name));
            if got != (snake.to_owned(), pascal.to_owned()) {
                failures.push(format!(
                    "{name:?}: got {got:?}, want ({snake:?}, {pascal:?})"
                ));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn snake_case_is_idempotent_on_the_table() {
        for &(name, snake, _) in TABLE {
            assert_eq!(snake_case(snake), snake, "from {name:?}");
        }
    }

    #[test]
    fn words_keep_their_case() {
        assert_eq!(split_words("DBProxy"), ["DB", "Proxy"]);
        assert_eq!(split_words("IpV6Address"), ["IpV6", "Address"]);
        assert_eq!(split_words("ACLs"), ["ACLs"]);
    }
}
