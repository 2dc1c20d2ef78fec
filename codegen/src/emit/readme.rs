//! The generated crate's `README.md`, rendered from a handlebars template in strict mode (a
//! missing value is an error, not an empty string) with HTML escaping off (the output is
//! Markdown).

use handlebars::Handlebars;
use serde::Serialize;

use super::krate::CrateSpec;
use super::names::Names;
use crate::error::{CodegenError, Result};

const TEMPLATE: &str = include_str!("../../templates/README.md.hbs");

#[derive(Serialize)]
struct Data<'a> {
    name: &'a str,
    source: &'a str,
    command: &'a str,
    services: Vec<ServiceData>,
}

#[derive(Serialize)]
struct ServiceData {
    title: String,
    module: String,
    api_version: String,
    protocol: &'static str,
    operation_count: usize,
    model: String,
    operations: Vec<OperationData>,
}

#[derive(Serialize)]
struct OperationData {
    name: String,
    module: String,
}

/// Renders the README.
pub fn readme(spec: &CrateSpec<'_>) -> Result<String> {
    let data = Data {
        name: &spec.name,
        source: &spec.source,
        command: &spec.command,
        services: spec
            .services
            .iter()
            .map(|s| {
                let names = Names::new(s.model);
                ServiceData {
                    title: s
                        .model
                        .service
                        .full_name
                        .clone()
                        .unwrap_or_else(|| s.module.clone()),
                    module: s.module.clone(),
                    api_version: s.model.service.api_version.clone(),
                    protocol: s.protocol.botocore_name(),
                    operation_count: s.model.operations.len(),
                    model: s.model.source.clone(),
                    operations: s
                        .model
                        .operations
                        .iter()
                        .map(|op| OperationData {
                            name: op.name.clone(),
                            module: names.operation(&op.name).module.clone(),
                        })
                        .collect(),
                }
            })
            .collect(),
    };
    let mut hb = Handlebars::new();
    hb.set_strict_mode(true);
    hb.register_escape_fn(handlebars::no_escape);
    hb.render_template(TEMPLATE, &data)
        .map_err(|e| CodegenError::Config {
            file: "codegen/templates/README.md.hbs".to_owned(),
            message: format!("README template: {e}"),
        })
}
