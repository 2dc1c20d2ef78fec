//! One crate-root file from a generated crate's file tree, for build scripts that compile
//! generated code into a package of their own (`conformance/`, `bench/`): every `mod x;` is
//! replaced by the module's contents, the crate-level inner attributes are dropped (the
//! including `lib.rs` has its own) and so are the per-service `cfg(feature)` gates.

use std::collections::BTreeMap;

/// The crate whose files (`path → text`, as [`crate::emit::emit_crate`] returns them) are
/// `files`, as one `syn::File`. Errors name the missing or unparsable file.
pub fn inline_crate(files: &BTreeMap<String, String>) -> Result<syn::File, String> {
    let mut lib = parse_file(files, "src/lib.rs")?;
    lib.attrs.clear();
    for item in &mut lib.items {
        if let syn::Item::Mod(m) = item {
            m.attrs.retain(|a| !a.path().is_ident("cfg"));
        }
    }
    inline_items(&mut lib.items, "src", files)?;
    Ok(lib)
}

fn inline_items(
    items: &mut [syn::Item],
    dir: &str,
    files: &BTreeMap<String, String>,
) -> Result<(), String> {
    for item in items {
        let syn::Item::Mod(m) = item else { continue };
        let name = m.ident.to_string();
        let name = name.trim_start_matches("r#");
        let child_dir = format!("{dir}/{name}");
        match &mut m.content {
            Some((_, content)) => inline_items(content, &child_dir, files)?,
            None => {
                let flat = format!("{dir}/{name}.rs");
                let path = if files.contains_key(&flat) {
                    flat
                } else {
                    format!("{dir}/{name}/mod.rs")
                };
                let mut file = parse_file(files, &path)?;
                inline_items(&mut file.items, &child_dir, files)?;
                m.attrs.extend(file.attrs);
                m.content = Some((syn::token::Brace::default(), file.items));
                m.semi = None;
            }
        }
    }
    Ok(())
}

fn parse_file(files: &BTreeMap<String, String>, path: &str) -> Result<syn::File, String> {
    let text = files
        .get(path)
        .ok_or_else(|| format!("the generated crate has no {path}"))?;
    syn::parse_file(text).map_err(|e| format!("generated {path} does not parse: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modules_are_inlined_from_flat_and_nested_files() {
        let files: BTreeMap<String, String> = [
            (
                "src/lib.rs",
                "#![forbid(unsafe_code)]\n#[cfg(feature = \"a\")]\npub mod a;\n",
            ),
            ("src/a/mod.rs", "//! A.\npub mod b;\n"),
            ("src/a/b.rs", "pub fn f() {}\n"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
        let file = inline_crate(&files).unwrap();
        let text = prettyplease::unparse(&file);
        assert_eq!(
            text,
            "pub mod a {\n    //! A.\n    pub mod b {\n        pub fn f() {}\n    }\n}\n"
        );
    }

    #[test]
    fn a_missing_module_file_is_named() {
        let files: BTreeMap<String, String> = [("src/lib.rs".to_owned(), "mod x;".to_owned())]
            .into_iter()
            .collect();
        let Err(e) = inline_crate(&files) else {
            panic!("a crate without src/x/mod.rs inlined")
        };
        assert_eq!(e, "the generated crate has no src/x/mod.rs");
    }
}
