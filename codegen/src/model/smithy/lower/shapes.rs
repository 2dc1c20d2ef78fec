//! Smithy shapes and members into IR shapes and members: shape types, enums, constraints,
//! error metadata, and the member traits merged over the target's where Smithy says the
//! target's apply (`timestampFormat`, `xmlNamespace`, `sensitive`).

use indexmap::IndexMap;

use super::super::{MemberDef, ShapeDef, Traits};
use super::traits::{self, id};
use super::{Lowering, is_data_shape};
use crate::error::Location;
use crate::ir::{
    Constraints, Enum, EnumValue, ErrorInfo, HttpLocation, IntEnum, List, Map, Member, Scalar,
    Shape, ShapeId, ShapeKind, Structure, WireNames, XmlNamespace,
};

impl Lowering<'_> {
    /// Lowers one shape; `None` for services, operations and resources, and for shapes too
    /// broken to represent (the problem is recorded).
    pub(super) fn shape(&mut self, sid: &str, def: &ShapeDef) -> Option<Shape> {
        if !is_data_shape(&def.type_) {
            return None;
        }
        let here = Location::Shape(sid.to_owned());
        let t = &def.traits;
        let mut unsupported = None;
        let kind = match def.type_.as_str() {
            "structure" => ShapeKind::Structure(self.structure(sid, def)),
            "union" => ShapeKind::Union(self.structure(sid, def)),
            "list" | "set" => match &def.member {
                Some(member) => ShapeKind::List(List {
                    member: self.member(sid, "member", member)?,
                }),
                None => {
                    self.problem(here, "list shape has no `member`");
                    return None;
                }
            },
            "map" => match (&def.key, &def.value) {
                (Some(key), Some(value)) => {
                    let key = self.member(sid, "key", key)?;
                    let value = self.member(sid, "value", value)?;
                    self.check_map_key(sid, &key);
                    ShapeKind::Map(Map { key, value })
                }
                _ => {
                    self.problem(here, "map shape needs both `key` and `value`");
                    return None;
                }
            },
            "enum" => ShapeKind::Enum(self.enum_shape(sid, def)),
            "intEnum" => ShapeKind::IntEnum(self.int_enum(sid, def)),
            "string" if t.contains_key(id::ENUM) => {
                let defs: Vec<traits::EnumDefinition> =
                    self.read(&here, t, id::ENUM).unwrap_or_default();
                let mut values: Vec<EnumValue> = Vec::new();
                for d in defs {
                    if !values.iter().any(|v| v.value == d.value) {
                        values.push(EnumValue {
                            value: d.value,
                            name: d.name,
                            docs: d.documentation,
                        });
                    }
                }
                ShapeKind::Enum(Enum { values })
            }
            "document" => ShapeKind::Document,
            other => match traits::scalar(other) {
                Some(scalar) => ShapeKind::Scalar(scalar),
                None => {
                    unsupported = Some(format!("unknown shape type `{other}`"));
                    ShapeKind::Structure(Structure::default())
                }
            },
        };
        let error = self.error_info(sid, &kind, t);
        let constraints = self.constraints(&here, &kind, t);
        let xml_name = self.string_trait(&here, t, id::XML_NAME);
        let xml_namespace = self
            .read::<traits::XmlNamespaceTrait>(&here, t, id::XML_NAMESPACE)
            .map(|ns| XmlNamespace {
                prefix: ns.prefix,
                uri: ns.uri,
            });
        Some(Shape {
            xml_name,
            xml_namespace,
            id: ShapeId::new(sid),
            docs: self.string_trait(&here, t, id::DOCUMENTATION),
            deprecated: self.deprecation(&here, t),
            sensitive: t.contains_key(id::SENSITIVE),
            error,
            constraints,
            unsupported,
            event_stream: (def.type_ == "union" && t.contains_key(id::STREAMING))
                .then(crate::ir::EventStream::default),
            streaming: def.type_ == "blob" && t.contains_key(id::STREAMING),
            kind,
        })
    }

    fn structure(&mut self, sid: &str, def: &ShapeDef) -> Structure {
        let empty = IndexMap::new();
        Structure {
            members: def
                .members
                .as_ref()
                .unwrap_or(&empty)
                .iter()
                .filter_map(|(name, m)| self.member(sid, name, m))
                .collect(),
        }
    }

    fn enum_shape(&mut self, sid: &str, def: &ShapeDef) -> Enum {
        let mut values: Vec<EnumValue> = Vec::new();
        for (name, m) in def.members.iter().flatten() {
            let at = member_location(sid, name);
            let value = self
                .string_trait(&at, &m.traits, id::ENUM_VALUE)
                .unwrap_or_else(|| name.clone());
            if values.iter().any(|v| v.value == value) {
                self.problem(at, format!("enum value `{value}` is listed twice"));
                continue;
            }
            values.push(EnumValue {
                value,
                name: Some(name.clone()),
                docs: self.string_trait(&at, &m.traits, id::DOCUMENTATION),
            });
        }
        Enum { values }
    }

    fn int_enum(&mut self, sid: &str, def: &ShapeDef) -> IntEnum {
        let mut values = Vec::new();
        for (name, m) in def.members.iter().flatten() {
            let at = member_location(sid, name);
            match self.read::<i32>(&at, &m.traits, id::ENUM_VALUE) {
                Some(v) => values.push((name.clone(), v)),
                None if !m.traits.contains_key(id::ENUM_VALUE) => {
                    self.problem(at, format!("intEnum member needs `{}`", id::ENUM_VALUE));
                }
                None => {}
            }
        }
        IntEnum { values }
    }

    fn error_info(&mut self, sid: &str, kind: &ShapeKind, t: &Traits) -> Option<ErrorInfo> {
        let here = Location::Shape(sid.to_owned());
        let fault: String = self.read(&here, t, id::ERROR)?;
        let sender_fault = match fault.as_str() {
            "client" => true,
            "server" => false,
            other => {
                self.problem(
                    here.clone(),
                    format!(
                        "`{}` must be \"client\" or \"server\", not {other:?}",
                        id::ERROR
                    ),
                );
                true
            }
        };
        if !matches!(kind, ShapeKind::Structure(_)) {
            self.problem(here.clone(), "only structures can be errors");
        }
        let http_error: Option<u16> = self.read(&here, t, id::HTTP_ERROR);
        let query: Option<traits::QueryErrorTrait> = if self.flags.query_error_codes {
            self.read(&here, t, id::QUERY_ERROR)
        } else {
            None
        };
        let name = ShapeId::new(sid).name().to_owned();
        Some(match query {
            Some(q) => ErrorInfo {
                code: q.code,
                http_status: q.http_response_code.or(http_error),
                sender_fault,
            },
            None => ErrorInfo {
                code: name,
                http_status: http_error,
                sender_fault,
            },
        })
    }

    /// `length` for strings, blobs, lists and maps, `range` for numbers, and `pattern`.
    fn constraints(&mut self, here: &Location, kind: &ShapeKind, t: &Traits) -> Constraints {
        let numeric = matches!(
            kind,
            ShapeKind::Scalar(
                Scalar::Byte
                    | Scalar::Short
                    | Scalar::Integer
                    | Scalar::Long
                    | Scalar::Float
                    | Scalar::Double
                    | Scalar::BigInteger
                    | Scalar::BigDecimal
            ) | ShapeKind::IntEnum(_)
        );
        let bounds_id = if numeric { id::RANGE } else { id::LENGTH };
        let bounds: traits::BoundsTrait = self.read(here, t, bounds_id).unwrap_or_default();
        Constraints {
            min: bounds.min.map(|n| n.to_string()),
            max: bounds.max.map(|n| n.to_string()),
            pattern: self.string_trait(here, t, id::PATTERN),
        }
    }

    fn check_map_key(&mut self, holder: &str, key: &Member) {
        let target = key.target.as_str();
        let type_name = match self.shapes.get(target) {
            Some(s) => s.type_.clone(),
            None => match traits::prelude(target) {
                Some(ShapeKind::Scalar(Scalar::String)) => "string".to_owned(),
                Some(kind) => kind.describe().to_owned(),
                None => return,
            },
        };
        if !matches!(type_name.as_str(), "string" | "enum") {
            self.problem(
                member_location(holder, "key"),
                format!("map keys must be strings, not `{type_name}`"),
            );
        }
    }

    /// Lowers a member of `holder`, merging the target's `timestampFormat`, `xmlNamespace` and
    /// `sensitive` under the member's own traits.
    pub(super) fn member(&mut self, holder: &str, name: &str, def: &MemberDef) -> Option<Member> {
        let here = member_location(holder, name);
        let target_id = def.target.as_str();
        let empty = Traits::new();
        let shapes = self.shapes;
        let target_traits = match shapes.get(target_id) {
            Some(s) if is_data_shape(&s.type_) => &s.traits,
            Some(s) => {
                self.problem(
                    here,
                    format!("targets `{target_id}`, a `{}` shape", s.type_),
                );
                return None;
            }
            None if traits::prelude(target_id).is_some() => {
                self.prelude.insert(target_id.to_owned());
                &empty
            }
            None if self.mixins.iter().any(|m| m == target_id) => {
                self.problem(here, format!("targets mixin shape `{target_id}`"));
                return None;
            }
            None => {
                self.problem(here, format!("targets missing shape `{target_id}`"));
                return None;
            }
        };
        let t = &def.traits;
        let timestamp_format = match self
            .string_trait(&here, t, id::TIMESTAMP_FORMAT)
            .or_else(|| self.string_trait(&here, target_traits, id::TIMESTAMP_FORMAT))
        {
            None => None,
            Some(f) => match traits::timestamp_format(&f) {
                Some(f) => Some(f),
                None => {
                    self.problem(here.clone(), format!("unknown timestampFormat `{f}`"));
                    None
                }
            },
        };
        let xml_namespace =
            match self.read::<traits::XmlNamespaceTrait>(&here, t, id::XML_NAMESPACE) {
                Some(ns) => Some(ns),
                None => self.read(&here, target_traits, id::XML_NAMESPACE),
            };
        let (http, http_name) = self.http_location(&here, name, t);
        let media_type = self
            .string_trait(&here, t, id::MEDIA_TYPE)
            .or_else(|| self.string_trait(&here, target_traits, id::MEDIA_TYPE));
        Some(Member {
            name: name.to_owned(),
            target: ShapeId::new(target_id),
            docs: self.string_trait(&here, t, id::DOCUMENTATION),
            required: t.contains_key(id::REQUIRED),
            deprecated: self.deprecation(&here, t),
            sensitive: t.contains_key(id::SENSITIVE) || target_traits.contains_key(id::SENSITIVE),
            boxed: false,
            idempotency_token: t.contains_key(id::IDEMPOTENCY_TOKEN),
            timestamp_format,
            wire: WireNames {
                location_name_from_target: false,
                location_name: http_name,
                json_name: self.string_trait(&here, t, id::JSON_NAME),
                xml_name: self.string_trait(&here, t, id::XML_NAME),
                query_name: self.string_trait(&here, t, id::EC2_QUERY_NAME),
                flattened: t.contains_key(id::XML_FLATTENED),
                xml_namespace: xml_namespace.map(|ns| XmlNamespace {
                    prefix: ns.prefix,
                    uri: ns.uri,
                }),
                xml_attribute: t.contains_key(id::XML_ATTRIBUTE),
            },
            http,
            media_type,
            // `@default(null)` takes a target's default away: no default.
            default: t
                .get(id::DEFAULT)
                .filter(|v| !v.is_null())
                .map(|v| v.to_string()),
            event: if t.contains_key(id::EVENT_HEADER) {
                Some(crate::ir::EventBinding::Header)
            } else if t.contains_key(id::EVENT_PAYLOAD) {
                Some(crate::ir::EventBinding::Payload)
            } else {
                None
            },
            lenient: false,
        })
    }

    /// The HTTP binding traits of REST protocols, as a location and the name botocore would
    /// give in `locationName` (header, prefix or query parameter name; the label's name).
    fn http_location(
        &mut self,
        here: &Location,
        name: &str,
        t: &Traits,
    ) -> (HttpLocation, Option<String>) {
        if let Some(header) = self.string_trait(here, t, id::HTTP_HEADER) {
            (HttpLocation::Header(header.clone()), Some(header))
        } else if let Some(prefix) = self.string_trait(here, t, id::HTTP_PREFIX_HEADERS) {
            (HttpLocation::PrefixHeaders(prefix.clone()), Some(prefix))
        } else if let Some(param) = self.string_trait(here, t, id::HTTP_QUERY) {
            (HttpLocation::Query(param.clone()), Some(param))
        } else if t.contains_key(id::HTTP_QUERY_PARAMS) {
            (HttpLocation::QueryParams, None)
        } else if t.contains_key(id::HTTP_LABEL) {
            (HttpLocation::Label, Some(name.to_owned()))
        } else if t.contains_key(id::HTTP_RESPONSE_CODE) {
            (HttpLocation::StatusCode, None)
        } else if t.contains_key(id::HTTP_PAYLOAD) {
            (HttpLocation::Payload, None)
        } else {
            (HttpLocation::Body, None)
        }
    }
}

fn member_location(shape: &str, member: &str) -> Location {
    Location::Member {
        shape: shape.to_owned(),
        member: member.to_owned(),
    }
}
