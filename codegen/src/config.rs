//! `codegen.toml`: which services, from which model files, with which operations and protocol,
//! `cargo xtask regenerate` generates into which crate.

use serde::Deserialize;

use crate::error::{CodegenError, Result};
use crate::ir::{Protocol, Selection};

/// The parsed configuration file.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The generated crate.
    #[serde(rename = "crate")]
    pub krate: CrateConfig,
    /// The services it contains.
    #[serde(rename = "service")]
    pub services: Vec<ServiceConfig>,
}

/// `[crate]`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CrateConfig {
    /// Package name of the generated crate.
    pub name: String,
    /// Output folder, relative to the repository root.
    pub out: String,
}

/// One `[[service]]`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceConfig {
    /// Module (and cargo feature) name of the service in the generated crate.
    pub module: String,
    /// Model file, relative to the repository root: a botocore `service-2.json` or a Smithy JSON
    /// AST (detected from the content), for any service.
    pub model: String,
    /// `"all"` or a list of operation names.
    pub operations: Operations,
    /// Protocol to generate (botocore name); defaults to the model's preferred protocol.
    #[serde(default)]
    pub protocol: Option<String>,
}

/// `operations = "all"` or `operations = ["CopySnapshot"]`.
#[derive(Clone, Debug, Deserialize)]
#[serde(untagged)]
pub enum Operations {
    /// `"all"`.
    All(String),
    /// A list of names.
    List(Vec<String>),
}

impl Config {
    /// Parses the configuration file `file`.
    pub fn parse(file: &str, text: &str) -> Result<Self> {
        let config: Config = toml::from_str(text).map_err(|e| CodegenError::Config {
            file: file.to_owned(),
            message: e.to_string(),
        })?;
        for s in &config.services {
            s.selection(file)?;
            s.protocol(file)?;
        }
        Ok(config)
    }
}

impl ServiceConfig {
    /// The operation selection.
    pub fn selection(&self, file: &str) -> Result<Selection> {
        match &self.operations {
            Operations::All(all) if all == "all" => Ok(Selection::All),
            Operations::All(other) => Err(CodegenError::Config {
                file: file.to_owned(),
                message: format!(
                    "service `{}`: operations must be \"all\" or a list of names, not \"{other}\"",
                    self.module
                ),
            }),
            Operations::List(names) => Ok(Selection::Operations(names.clone())),
        }
    }

    /// The protocol override, if any.
    pub fn protocol(&self, file: &str) -> Result<Option<Protocol>> {
        self.protocol
            .as_deref()
            .map(|name| {
                Protocol::from_botocore(name).ok_or_else(|| CodegenError::Config {
                    file: file.to_owned(),
                    message: format!("service `{}`: unknown protocol `{name}`", self.module),
                })
            })
            .transpose()
    }
}
