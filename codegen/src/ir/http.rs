//! HTTP bindings of the REST protocols, as types: where a member goes in the HTTP message
//! ([`HttpLocation`]) and the parsed request URI of an operation ([`UriTemplate`]). The RPC
//! protocols put every member in the body and send `POST /`; they ignore both.

use std::fmt;

/// Where a member of an operation's input, output or error structure goes in the HTTP message.
/// Only the members of those top-level structures are bound; nested members are always in the
/// body.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum HttpLocation {
    /// In the document body (the default).
    #[default]
    Body,
    /// A label of the request URI; the label's name is the member's wire name.
    Label,
    /// A query-string parameter with this name (lists repeat the parameter).
    Query(String),
    /// A map whose entries are query-string parameters (`httpQueryParams`).
    QueryParams,
    /// A header with this name (lists are comma-joined).
    Header(String),
    /// A map whose entries are headers with this name prefix (`httpPrefixHeaders`).
    PrefixHeaders(String),
    /// The HTTP status code of a response.
    StatusCode,
    /// The whole body (`payload` / `httpPayload`): a blob or string as is, a structure, union
    /// or document encoded by the protocol's codec.
    Payload,
}

impl HttpLocation {
    /// Whether the member is one of the body document's members.
    pub fn is_body(&self) -> bool {
        matches!(self, HttpLocation::Body)
    }

    /// botocore's name for the location (`uri`, `querystring`, `header`, `headers`,
    /// `statusCode`), or `payload`; `None` for the body.
    pub fn botocore_name(&self) -> Option<&'static str> {
        Some(match self {
            HttpLocation::Body => return None,
            HttpLocation::Label => "uri",
            HttpLocation::Query(_) | HttpLocation::QueryParams => "querystring",
            HttpLocation::Header(_) => "header",
            HttpLocation::PrefixHeaders(_) => "headers",
            HttpLocation::StatusCode => "statusCode",
            HttpLocation::Payload => "payload",
        })
    }
}

/// One part of a request URI's path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PathPart {
    /// Literal text, as the model writes it.
    Literal(String),
    /// `{Name}` (or `{Name+}`, greedy: the value may span segments and keeps its `/`).
    Label {
        /// The label's name: the wire name of an input member bound to it.
        name: String,
        /// Whether the label is greedy.
        greedy: bool,
    },
}

/// A parsed request URI: `/{Bucket}/{Key+}?uploads&x-id=Put` is the path parts and the literal
/// query parameters `uploads` (no value) and `x-id=Put`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UriTemplate {
    /// The path, in order.
    pub path: Vec<PathPart>,
    /// The literal query parameters, in order, as written (not decoded).
    pub query: Vec<(String, Option<String>)>,
}

impl Default for UriTemplate {
    fn default() -> Self {
        Self {
            path: vec![PathPart::Literal("/".to_owned())],
            query: Vec::new(),
        }
    }
}

impl UriTemplate {
    /// Parses a request URI template. Errors say what is wrong: a path that does not start with
    /// `/`, an unclosed or empty label, a label inside a query part, a greedy label that is not
    /// the last label, a label given twice.
    pub fn parse(text: &str) -> Result<Self, String> {
        let (path_text, query_text) = match text.split_once('?') {
            Some((p, q)) => (p, Some(q)),
            None => (text, None),
        };
        if !path_text.starts_with('/') {
            return Err(format!("request URI `{text}` does not start with `/`"));
        }
        let mut path = Vec::new();
        let mut rest = path_text;
        let mut names: Vec<&str> = Vec::new();
        while let Some(open) = rest.find('{') {
            if open > 0 {
                path.push(PathPart::Literal(rest[..open].to_owned()));
            }
            let Some(close) = rest[open..].find('}').map(|c| open + c) else {
                return Err(format!("request URI `{text}` has an unclosed `{{`"));
            };
            let label = &rest[open + 1..close];
            let (name, greedy) = match label.strip_suffix('+') {
                Some(name) => (name, true),
                None => (label, false),
            };
            if name.is_empty() || name.contains('{') {
                return Err(format!("request URI `{text}` has an empty or nested label"));
            }
            if names.contains(&name) {
                return Err(format!("request URI `{text}` names label `{name}` twice"));
            }
            if path
                .iter()
                .any(|p| matches!(p, PathPart::Label { greedy: true, .. }))
            {
                return Err(format!(
                    "request URI `{text}`: label `{name}` follows a greedy label"
                ));
            }
            names.push(name);
            path.push(PathPart::Label {
                name: name.to_owned(),
                greedy,
            });
            rest = &rest[close + 1..];
        }
        if rest.contains('}') {
            return Err(format!("request URI `{text}` has an unmatched `}}`"));
        }
        if !rest.is_empty() {
            path.push(PathPart::Literal(rest.to_owned()));
        }
        let mut query = Vec::new();
        for part in query_text.into_iter().flat_map(|q| q.split('&')) {
            if part.is_empty() {
                continue;
            }
            if part.contains('{') || part.contains('}') {
                return Err(format!(
                    "request URI `{text}` has a label in its query part"
                ));
            }
            query.push(match part.split_once('=') {
                Some((k, v)) => (k.to_owned(), Some(v.to_owned())),
                None => (part.to_owned(), None),
            });
        }
        Ok(Self { path, query })
    }

    /// The labels, in order.
    pub fn labels(&self) -> impl Iterator<Item = (&str, bool)> {
        self.path.iter().filter_map(|p| match p {
            PathPart::Label { name, greedy } => Some((name.as_str(), *greedy)),
            PathPart::Literal(_) => None,
        })
    }
}

impl fmt::Display for UriTemplate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for part in &self.path {
            match part {
                PathPart::Literal(text) => f.write_str(text)?,
                PathPart::Label { name, greedy } => {
                    write!(f, "{{{name}{}}}", if *greedy { "+" } else { "" })?;
                }
            }
        }
        for (i, (key, value)) in self.query.iter().enumerate() {
            f.write_str(if i == 0 { "?" } else { "&" })?;
            f.write_str(key)?;
            if let Some(value) = value {
                write!(f, "={value}")?;
            }
        }
        Ok(())
    }
}

/// The HTTP methods operations use (upper case); any other is a model error.
pub const METHODS: [&str; 7] = ["GET", "PUT", "POST", "DELETE", "PATCH", "HEAD", "OPTIONS"];

/// The `{Label}` names of an endpoint trait's host prefix (`{Foo}.data.` gives `Foo`).
pub fn host_prefix_labels(template: &str) -> Vec<&str> {
    let mut labels = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else {
            break;
        };
        labels.push(&rest[open + 1..close]);
        rest = &rest[close + 1..];
    }
    labels
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_labels_greedy_labels_and_literal_query() {
        let t = UriTemplate::parse("/{Bucket}/{Key+}?uploads&x-id=Put").unwrap();
        assert_eq!(
            t.path,
            vec![
                PathPart::Literal("/".to_owned()),
                PathPart::Label {
                    name: "Bucket".to_owned(),
                    greedy: false
                },
                PathPart::Literal("/".to_owned()),
                PathPart::Label {
                    name: "Key".to_owned(),
                    greedy: true
                },
            ]
        );
        assert_eq!(
            t.query,
            vec![
                ("uploads".to_owned(), None),
                ("x-id".to_owned(), Some("Put".to_owned()))
            ]
        );
        assert_eq!(t.to_string(), "/{Bucket}/{Key+}?uploads&x-id=Put");
        assert_eq!(
            UriTemplate::parse("/ReDosLiteral/{str}/(a+)+")
                .unwrap()
                .to_string(),
            "/ReDosLiteral/{str}/(a+)+"
        );
    }

    #[test]
    fn rejects_malformed_templates() {
        for bad in [
            "foo",
            "/{a",
            "/{}",
            "/{a}/{a}",
            "/{a+}/{b}",
            "/a}",
            "/a?b={c}",
        ] {
            assert!(UriTemplate::parse(bad).is_err(), "{bad}");
        }
    }
}
