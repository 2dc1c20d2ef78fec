//! TEMPORARY shim until the HTML converter lands.
/// Lines.
pub fn rustdoc_lines(html: &str) -> Vec<String> {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ')
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    let t = out
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('[', "\\[")
        .replace(']', "\\]");
    if t.is_empty() {
        vec![]
    } else {
        vec![format!(" {t}")]
    }
}
