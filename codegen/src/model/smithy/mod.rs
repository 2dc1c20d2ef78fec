//! Permissive serde mirror of the Smithy JSON AST (`"smithy": "2.0"`): shapes keyed by absolute
//! shape id, in file order, with their traits kept as raw JSON values. Nothing here interprets
//! the model; lowering into the IR does ([`lower_smithy`]), reading each trait it knows into a
//! typed value and ignoring the others.

mod lower;

pub use lower::lower_smithy;

use indexmap::IndexMap;
use serde::Deserialize;

/// Trait values by absolute trait id (`smithy.api#documentation`), in file order.
pub type Traits = IndexMap<String, serde_json::Value>;

/// A whole Smithy JSON AST file.
#[derive(Debug, Deserialize)]
pub struct SmithyModel {
    /// The IDL version (`2.0`).
    pub smithy: String,
    /// Model metadata (`suppressions`, …): not used.
    #[serde(default)]
    pub metadata: IndexMap<String, serde_json::Value>,
    /// Shapes by absolute shape id (`com.amazonaws.elasticache#Tag`), in file order.
    #[serde(default)]
    pub shapes: IndexMap<String, ShapeDef>,
}

/// A reference to a shape: `{"target": "ns#Name"}`.
#[derive(Clone, Debug, Deserialize)]
pub struct ShapeRef {
    /// Absolute id of the target.
    pub target: String,
}

/// A member: a target and the member's own traits.
#[derive(Clone, Debug, Deserialize)]
pub struct MemberDef {
    /// Absolute id of the target shape.
    pub target: String,
    /// The member's traits.
    #[serde(default)]
    pub traits: Traits,
}

/// One entry of `shapes`. Which keys are present depends on `type`; every one is optional here
/// and lowering checks the combination.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ShapeDef {
    /// `structure`, `list`, `string`, `operation`, `service`, `apply`, ….
    #[serde(rename = "type")]
    pub type_: String,
    /// Shape traits.
    #[serde(default)]
    pub traits: Traits,
    /// Mixins whose members and traits this shape takes over, in order.
    #[serde(default)]
    pub mixins: Vec<ShapeRef>,
    /// Members of structures, unions, enums and intEnums, in file order.
    #[serde(default)]
    pub members: Option<IndexMap<String, MemberDef>>,
    /// The member of a list or set.
    #[serde(default)]
    pub member: Option<MemberDef>,
    /// The key of a map.
    #[serde(default)]
    pub key: Option<MemberDef>,
    /// The value of a map.
    #[serde(default)]
    pub value: Option<MemberDef>,
    /// Service version (`2015-02-02`).
    #[serde(default)]
    pub version: Option<String>,
    /// Operations bound to a service or resource.
    #[serde(default)]
    pub operations: Vec<ShapeRef>,
    /// Resources bound to a service or resource.
    #[serde(default)]
    pub resources: Vec<ShapeRef>,
    /// Errors of an operation, or of every operation of a service.
    #[serde(default)]
    pub errors: Vec<ShapeRef>,
    /// Operation input.
    #[serde(default)]
    pub input: Option<ShapeRef>,
    /// Operation output.
    #[serde(default)]
    pub output: Option<ShapeRef>,
    /// Resource lifecycle operation `create`.
    #[serde(default)]
    pub create: Option<ShapeRef>,
    /// Resource lifecycle operation `put`.
    #[serde(default)]
    pub put: Option<ShapeRef>,
    /// Resource lifecycle operation `read`.
    #[serde(default)]
    pub read: Option<ShapeRef>,
    /// Resource lifecycle operation `update`.
    #[serde(default)]
    pub update: Option<ShapeRef>,
    /// Resource lifecycle operation `delete`.
    #[serde(default)]
    pub delete: Option<ShapeRef>,
    /// Resource lifecycle operation `list`.
    #[serde(default)]
    pub list: Option<ShapeRef>,
    /// Resource collection operations.
    #[serde(default)]
    pub collection_operations: Vec<ShapeRef>,
}

impl ShapeDef {
    /// Every operation a service or resource binds directly (lifecycle operations first, in
    /// the order the specification lists them), then its resources.
    pub fn bound_operations(&self) -> impl Iterator<Item = &ShapeRef> {
        [
            &self.create,
            &self.put,
            &self.read,
            &self.update,
            &self.delete,
            &self.list,
        ]
        .into_iter()
        .flatten()
        .chain(&self.operations)
        .chain(&self.collection_operations)
    }
}
