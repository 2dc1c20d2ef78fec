//! The Rust names of everything one service emits, decided once, up front, in a deterministic
//! order (shapes by id, members and values in model order), so that every emitter agrees on
//! them and no two items in one namespace collide.

use std::collections::BTreeMap;

use crate::ir::{Model, ShapeId, ShapeKind};
use crate::naming::{self, Scope};

/// Names of a shape that becomes a Rust type in the service's `types` module.
#[derive(Clone, Debug)]
pub struct TypeNames {
    /// The type (`Tag`).
    pub name: String,
    /// Its file and module under `types/` (`tag`).
    pub module: String,
}

/// Names of an operation's items.
#[derive(Clone, Debug)]
pub struct OperationNames {
    /// Module and file under `operation/` (`copy_snapshot`).
    pub module: String,
    /// The operation's unit struct (`CopySnapshot`).
    pub operation: String,
    /// Input struct (`CopySnapshotInput`).
    pub input: String,
    /// Output struct (`CopySnapshotOutput`).
    pub output: String,
    /// Error enum (`CopySnapshotError`).
    pub error: String,
    /// Error variant per modeled error shape, in model order.
    pub error_variants: Vec<(ShapeId, String)>,
}

/// All names of one service.
#[derive(Clone, Debug, Default)]
pub struct Names {
    types: BTreeMap<ShapeId, TypeNames>,
    fields: BTreeMap<ShapeId, Vec<String>>,
    variants: BTreeMap<ShapeId, Vec<String>>,
    operations: BTreeMap<String, OperationNames>,
    service_errors: Vec<(ShapeId, String)>,
}

/// Field names the generator adds to structures itself.
pub const RESERVED_FIELDS: &[&str] = &["meta"];

impl Names {
    /// Decides every name of `model`'s service.
    pub fn new(model: &Model) -> Self {
        let mut names = Names::default();
        let member_targets: std::collections::BTreeSet<&ShapeId> = model
            .shapes
            .values()
            .flat_map(|s| crate::ir::targets(&s.kind))
            .collect();

        let mut type_scope = Scope::new();
        let mut module_scope = Scope::with_reserved(&["builders", "mod"]);
        for (id, shape) in &model.shapes {
            let named = match &shape.kind {
                ShapeKind::Structure(_) => member_targets.contains(id) || shape.error.is_some(),
                ShapeKind::Union(_) | ShapeKind::Enum(_) | ShapeKind::IntEnum(_) => true,
                _ => false,
            };
            if named {
                let name = type_scope.claim(naming::type_name(id.name()));
                let module = module_scope.claim(naming::module_name(&name));
                names.types.insert(id.clone(), TypeNames { name, module });
            }
            match &shape.kind {
                ShapeKind::Structure(s) | ShapeKind::Union(s) => {
                    let reserved: &[&str] = if matches!(shape.kind, ShapeKind::Union(_)) {
                        naming::RESERVED_ENUM_VARIANTS
                    } else {
                        RESERVED_FIELDS
                    };
                    let mut scope = Scope::with_reserved(reserved);
                    let union = matches!(shape.kind, ShapeKind::Union(_));
                    let fields = s
                        .members
                        .iter()
                        .map(|m| {
                            scope.claim(if union {
                                naming::type_name(&m.name)
                            } else {
                                naming::field_name(&m.name)
                            })
                        })
                        .collect();
                    names.fields.insert(id.clone(), fields);
                }
                ShapeKind::Enum(e) => {
                    let mut scope = Scope::with_reserved(naming::RESERVED_ENUM_VARIANTS);
                    let variants = e
                        .values
                        .iter()
                        .map(|v| scope.claim(naming::variant_name(&v.value)))
                        .collect();
                    names.variants.insert(id.clone(), variants);
                }
                ShapeKind::IntEnum(e) => {
                    let mut scope = Scope::with_reserved(naming::RESERVED_ENUM_VARIANTS);
                    let variants = e
                        .values
                        .iter()
                        .map(|(name, _)| scope.claim(naming::variant_name(name)))
                        .collect();
                    names.variants.insert(id.clone(), variants);
                }
                _ => {}
            }
        }

        // The service's `Error`: a variant per error shape (those the operations list, and with
        // every operation selected, every error of the model), by shape id.
        let mut variants = Scope::with_reserved(naming::RESERVED_ERROR_VARIANTS);
        let listed: std::collections::BTreeSet<&ShapeId> =
            model.operations.iter().flat_map(|op| &op.errors).collect();
        names.service_errors = model
            .shapes
            .iter()
            .filter(|(id, shape)| shape.error.is_some() || listed.contains(id))
            .map(|(id, _)| (id.clone(), variants.claim(naming::type_name(id.name()))))
            .collect();

        let mut op_modules = Scope::with_reserved(&["mod"]);
        for op in &model.operations {
            let base = naming::type_name(&op.name);
            let mut variants = Scope::with_reserved(naming::RESERVED_ERROR_VARIANTS);
            let error_variants = op
                .errors
                .iter()
                .map(|e| (e.clone(), variants.claim(naming::type_name(e.name()))))
                .collect();
            let module = op_modules.claim(naming::module_name(&op.name));
            names.operations.insert(
                op.name.clone(),
                OperationNames {
                    module,
                    operation: base.clone(),
                    input: format!("{base}Input"),
                    output: format!("{base}Output"),
                    error: format!("{base}Error"),
                    error_variants,
                },
            );
        }
        names
    }

    /// The type names of `id`, if it is emitted as a named type.
    pub fn type_of(&self, id: &ShapeId) -> Option<&TypeNames> {
        self.types.get(id)
    }

    /// Every named type, by shape id.
    pub fn types(&self) -> impl Iterator<Item = (&ShapeId, &TypeNames)> {
        self.types.iter()
    }

    /// Field (or union variant) names of a structure's members, in member order.
    pub fn fields(&self, id: &ShapeId) -> &[String] {
        self.fields.get(id).map_or(&[], Vec::as_slice)
    }

    /// The field names of a structure without members.
    pub fn no_fields() -> &'static [String] {
        &[]
    }

    /// Variant names of an enum's values, in value order.
    pub fn variants(&self, id: &ShapeId) -> &[String] {
        self.variants.get(id).map_or(&[], Vec::as_slice)
    }

    /// The variants of the service's `Error`: one per error shape, by shape id.
    pub fn service_errors(&self) -> &[(ShapeId, String)] {
        &self.service_errors
    }

    /// The variant of error shape `id` in the service's `Error`.
    pub fn service_error_variant(&self, id: &ShapeId) -> &str {
        self.service_errors
            .iter()
            .find(|(e, _)| e == id)
            .map(|(_, v)| v.as_str())
            .unwrap_or_else(|| unreachable!("error `{id}` is a variant of the service's `Error`"))
    }

    /// Names of an operation.
    pub fn operation(&self, name: &str) -> &OperationNames {
        self.operations
            .get(name)
            .unwrap_or_else(|| unreachable!("operation `{name}` has names"))
    }
}
