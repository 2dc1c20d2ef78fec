//! The optional client of each service (cargo feature `client`): `src/<svc>/client.rs` with a
//! `Client` that has one async method per generated operation. The methods are thin: each calls
//! the hand-written `runtime::client::Core::invoke` with the operation's unit struct, which
//! implements `runtime::Operation`. The file also says which error code each operation error
//! carries (`runtime::client::ServiceError`), for retry decisions, and what the client needs
//! to know about the service (endpoint prefix and signing name, from the model).

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{Doc, code};
use super::{RustFile, Service};
use crate::naming;

/// The cargo feature that turns the client on.
pub const FEATURE: &str = "client";

/// The runtime modules that exist only with the client.
pub const RUNTIME_MODULES: &[&str] = &[
    "client",
    "client_endpoint",
    "credentials",
    "endpoint",
    "endpoint_lib",
    "partitions",
    "sigv4",
    "transport",
];

/// What the crate docs say about the client.
pub const CRATE_DOC: &str = "With the `client` feature (off by default), every service has a \
     `Client` with one async method per operation: it resolves the endpoint, signs requests \
     with SigV4, sends them over HTTPS (hyper + rustls, on tokio), and retries throttling and \
     server errors. Without it the crate is sans-IO: bring your own HTTP stack.";

/// Names a `Client` has for itself: an operation whose method would take one gets the suffix
/// `_operation`.
const RESERVED: &[&str] = &[
    "new", "from_env", "endpoint", "region", "core", "clone", "fmt",
];

/// The optional module declaration for the service root.
pub fn module_decl() -> TokenStream {
    quote! {
        #[cfg(feature = #FEATURE)]
        pub mod client;
        #[cfg(feature = #FEATURE)]
        pub use client::Client;
        #[cfg(feature = #FEATURE)]
        pub mod endpoint;
    }
}

/// `src/<svc>/client.rs`.
pub fn client_file(svc: &Service<'_>) -> RustFile {
    let model = svc.model;
    let root = svc.root();
    let title = model
        .service
        .full_name
        .clone()
        .unwrap_or_else(|| svc.module.clone());
    let service_id = model
        .service
        .service_id
        .clone()
        .unwrap_or_else(|| svc.module.clone());
    let endpoint_prefix = model
        .service
        .endpoint_prefix
        .clone()
        .unwrap_or_else(|| svc.module.replace('_', "-"));
    let signing_name = model
        .service
        .signing_name
        .clone()
        .unwrap_or_else(|| endpoint_prefix.clone());

    let mut methods = Vec::new();
    let mut error_impls = Vec::new();
    for op in &model.operations {
        let names = svc.names.operation(&op.name);
        let module = naming::to_ident(&names.module);
        let method = if RESERVED.contains(&names.module.as_str()) {
            naming::to_ident(&format!("{}_operation", names.module))
        } else {
            module.clone()
        };
        let operation = naming::to_ident(&names.operation);
        let input = naming::to_ident(&names.input);
        let output = naming::to_ident(&names.output);
        let error = naming::to_ident(&names.error);
        let path = quote!(#root::operation::#module);
        let doc = Doc::text(&format!(
            "Calls {} (see [`{m}`]({path_str})): builds the request from `input`, signs and \
             sends it, and parses the response, retrying throttling and server errors. A \
             service error is [`{e}`]({path_str}::{e}) in [`Error::service_error`](crate::runtime::client::Error::service_error).",
            code(&op.name),
            m = names.module,
            e = names.error,
            path_str = format!("crate::{}::operation::{}", svc.module, names.module),
        ))
        .attrs();
        let call = match super::endpoint::operation_params(svc, op) {
            // The operation's own endpoint parameters: resolved per call.
            Some(params) => quote! {
                let params = #params;
                self.core
                    .invoke_with_endpoint_params::<#path::#operation>(&input, &params)
                    .await
            },
            None => quote!(self.core.invoke::<#path::#operation>(&input).await),
        };
        methods.push(quote! {
            #doc
            pub async fn #method(
                &self,
                input: #path::#input,
            ) -> ::std::result::Result<#path::#output, crate::runtime::client::Error<#path::#error>> {
                #call
            }
        });
        error_impls.push(quote! {
            impl crate::runtime::client::ServiceError for #path::#error {
                fn meta(&self) -> &crate::runtime::ErrorMetadata {
                    #path::#error::meta(self)
                }
            }
        });
    }

    let module_doc = Doc::text(&format!(
        "The {title} client (feature `client`): one async method per operation.\n\n\
         ```no_run\n\
         # async fn example() -> ::std::result::Result<(), ::std::boxed::Box<dyn ::std::error::Error>> {{\n\
         use {krate}::runtime::client::Config;\n\
         use {krate}::runtime::credentials::Credentials;\n\
         let config = Config::new(\"us-east-1\", Credentials::new(\"AKID\", \"SECRET\", None));\n\
         let client = {krate}::{svc}::Client::new(config)?;\n\
         // or: {krate}::{svc}::Client::from_env()?, with the standard variables and files\n\
         # let _ = client;\n\
         # Ok(())\n\
         # }}\n\
         ```",
        krate = svc.crate_name,
        svc = svc.module,
    ))
    .inner_attrs();
    let client_doc = format!(
        " A client of {title}: region, endpoint, credentials, transport and retry policy, and \
         one async method per operation. Cheap to clone (the state is shared)."
    );
    RustFile {
        path: format!("src/{}/client.rs", svc.module),
        source: model.source.clone(),
        tokens: quote! {
            #module_doc

            /// The service as the client needs it: its id, endpoint host prefix, SigV4
            /// signing name and endpoint rule set (from the model).
            pub const SERVICE: crate::runtime::client::ServiceInfo = crate::runtime::client::ServiceInfo {
                service_id: #service_id,
                endpoint_prefix: #endpoint_prefix,
                signing_name: #signing_name,
                rules: &super::endpoint::RULES,
            };

            #[doc = #client_doc]
            #[derive(::std::clone::Clone, ::std::fmt::Debug)]
            pub struct Client {
                core: crate::runtime::client::Core,
            }

            impl Client {
                /// A client with `config`: resolves the endpoint and sets up signing and the
                /// transport.
                pub fn new(
                    config: crate::runtime::client::Config,
                ) -> ::std::result::Result<Self, crate::runtime::client::ConfigError> {
                    ::std::result::Result::Ok(Self {
                        core: crate::runtime::client::Core::new(config, &SERVICE)?,
                    })
                }

                /// A client configured from the environment variables and the shared files
                /// ([`Config::from_env`](crate::runtime::client::Config::from_env)).
                pub fn from_env() -> ::std::result::Result<Self, crate::runtime::client::ConfigError> {
                    Self::new(crate::runtime::client::Config::from_env()?)
                }

                /// The endpoint requests go to.
                pub fn endpoint(&self) -> &str {
                    self.core.endpoint()
                }

                /// The region requests are signed for.
                pub fn region(&self) -> &str {
                    self.core.region()
                }

                #(#methods)*
            }

            #(#error_impls)*
        },
    }
}
