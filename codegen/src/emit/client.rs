//! The optional client of each service (cargo feature `client`): `src/<svc>/client.rs` with a
//! `Client` that has one async method per generated operation. The methods are thin: each calls
//! the hand-written `runtime::client::Core::invoke` with the operation's unit struct, which
//! implements `runtime::Operation` (whose error's `runtime::ProvideErrorMetadata` gives the
//! code retry decisions read). The file also says what the client needs to know about the
//! service (endpoint prefix and signing name, from the model).

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{Doc, code};
use super::{RustFile, Service};
use crate::naming;

/// The cargo feature that turns the client on.
pub const FEATURE: &str = "client";

/// The cargo feature of SigV4 signing without the client's transport (sans-IO signing): the
/// `sigv4` and `credentials` runtime modules, on sha2 and hmac only. `client` includes it.
pub const SIGV4_FEATURE: &str = "sigv4";

/// The cargo feature of interop with the official SDKs' credential providers
/// (`aws-credential-types`, a small crate: providers both ways). Off by default; includes
/// `client`.
pub const INTEROP_FEATURE: &str = "aws-credential-types";

/// What the crate docs say about the client.
pub const CRATE_DOC: &str = "With the `client` feature (off by default), every service has a \
     `Client` with one async method per operation: it resolves the endpoint, signs requests \
     with SigV4, sends them over HTTPS (hyper + rustls, on tokio), and retries throttling and \
     server errors. Without it the crate is sans-IO: bring your own HTTP stack.";

/// Names a `Client` has for itself: an operation whose method would take one gets the suffix
/// `_operation`.
pub(super) const RESERVED: &[&str] = &[
    "new",
    "from_env",
    "load_from_env",
    "endpoint",
    "region",
    "core",
    "clone",
    "fmt",
    "call",
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
        #[cfg(feature = #FEATURE)]
        pub use crate::runtime::client::Config;
        #[cfg(feature = #FEATURE)]
        pub use crate::runtime::credentials::Credentials;
    }
}

/// `src/<svc>/client.rs`.
pub fn client_file(svc: &Service<'_>) -> RustFile {
    let model = svc.model;
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
    let mut duplex_impls = Vec::new();
    let mut fluent_builders = Vec::new();
    let mut duplex = Vec::new();
    for op in &model.operations {
        if svc.input_stream(op).is_some() {
            duplex.push(code(&op.name));
            duplex_impls.push(duplex_operation(svc, op));
        }
        let names = svc.names.operation(&op.name);
        let method = naming::to_ident(&super::fluent::client_method(&names.module));
        let fluent = naming::to_ident(&naming::fluent_builder_name(&names.operation));
        let path_str = format!("crate::{}::operation::{}", svc.module, names.module);
        let doc = if svc.input_stream(op).is_some() {
            Doc::text(&format!(
                "Calls {} over HTTP/2 (its input is an event stream): set the input's members \
                 on the returned [`{f}`], then `send()` it, which returns the sender of further \
                 events with the output. A service error is [`{e}`]({path_str}::{e}) in \
                 [`Error::service_error`](crate::runtime::client::Error::service_error).",
                code(&op.name),
                f = fluent,
                e = names.error,
            ))
        } else {
            Doc::text(&format!(
                "Calls {}: set the input's members on the returned [`{f}`], then `send()` it. \
                 It builds the request, signs and sends it, and parses the response, retrying \
                 throttling and server errors. A service error is [`{e}`]({path_str}::{e}) in \
                 [`Error::service_error`](crate::runtime::client::Error::service_error). With \
                 an input built already: [`call`](Self::call).",
                code(&op.name),
                f = fluent,
                e = names.error,
            ))
        }
        .attrs();
        methods.push(quote! {
            #doc
            pub fn #method(&self) -> #fluent {
                #fluent {
                    inner: ::std::default::Default::default(),
                    client: self.core.clone(),
                }
            }
        });
        fluent_builders.push(super::fluent::fluent_builder(svc, op));
        methods.push(super::waiters::client_methods(svc, op));
    }

    let duplex = if duplex.is_empty() {
        String::new()
    } else {
        format!(
            " Operations that send an event stream ({}) go over HTTP/2 (the runtime's `http2` \
             feature, which `client` turns on for this crate): their `send()` returns the \
             sender of further events with the output (see \
             [the runtime's `duplex` module](crate::runtime::client::duplex)).",
            duplex.join(", ")
        )
    };
    let module_doc = Doc::text(&format!(
        "The {title} client (feature `client`): per operation a method that returns a fluent \
         builder (`client.<operation>().<member>(…).send().await`), and `client.call(input)` \
         for an input built already.{duplex}\n\n\
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
         a fluent call per operation. Cheap to clone (the state is shared)."
    );
    let operation_params = model
        .operations
        .iter()
        .any(|op| super::endpoint::operation_params(svc, op).is_some());
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
                operation_params: #operation_params,
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

                /// A client configured as the SDKs are: the region from the environment or
                /// the profile, credentials from the default chain (environment, profile,
                /// web identity, container, instance metadata; cached and refreshed), STS
                /// calls through this crate's STS client when it has one
                /// ([`Config::from_env`](crate::runtime::client::Config::from_env)).
                pub fn from_env() -> ::std::result::Result<Self, crate::runtime::client::ConfigError> {
                    Self::new(crate::runtime::client::Config::from_env(
                        crate::runtime::default_federation(),
                    )?)
                }

                /// Like [`from_env`](Self::from_env), with the region from instance metadata
                /// when neither the environment nor the profile sets one.
                pub async fn load_from_env() -> ::std::result::Result<Self, crate::runtime::client::ConfigError> {
                    let env = ::std::env::vars().collect();
                    Self::new(
                        crate::runtime::client::Config::load_from_env(
                            &env,
                            crate::runtime::default_federation(),
                        )
                        .await?,
                    )
                }

                /// The endpoint requests go to.
                pub fn endpoint(&self) -> &str {
                    self.core.endpoint()
                }

                /// The region requests are signed for.
                pub fn region(&self) -> &str {
                    self.core.region()
                }

                /// Calls the operation `input` belongs to: builds the request, signs and sends
                /// it, and parses the response, retrying throttling and server errors. The
                /// fluent methods (`client.<operation>()…send()`) do the same with the input
                /// set up on the way.
                pub async fn call<I>(
                    &self,
                    input: I,
                ) -> ::std::result::Result<
                    <I::Operation as crate::runtime::Operation>::Output,
                    crate::runtime::client::Error<<I::Operation as crate::runtime::Operation>::Error>,
                >
                where
                    I: crate::runtime::client::Input<Self>,
                    <I::Operation as crate::runtime::Operation>::Error: crate::runtime::ProvideErrorMetadata,
                {
                    self.core.call_input::<Self, I>(&input).await
                }

                /// A presigned URL of the request for `input`, valid for `expires` (at most
                /// seven days): anyone holding it can send that request with any HTTP client,
                /// without credentials, until it expires. Nothing is sent.
                pub async fn presign<I>(
                    &self,
                    input: I,
                    expires: ::std::time::Duration,
                ) -> ::std::result::Result<
                    ::http::Uri,
                    crate::runtime::client::Error<<I::Operation as crate::runtime::Operation>::Error>,
                >
                where
                    I: crate::runtime::client::Input<Self>,
                {
                    self.core.presign_input::<Self, I>(&input, expires).await
                }

                #(#methods)*
            }

            #(#duplex_impls)*

            #(#fluent_builders)*
        },
    }
}

/// The `send` of the fluent builder of `op` when its input is an event stream (`None`
/// otherwise): the call goes through the client's bidirectional path (`Core::invoke_duplex`)
/// and returns the sender of further events with the output. `build` builds the input.
pub(super) fn duplex_send(
    svc: &Service<'_>,
    op: &crate::ir::Operation,
    build: &TokenStream,
) -> Option<TokenStream> {
    let stream = svc.input_stream(op)?;
    let event = svc.type_path(&stream.target);
    let names = svc.names.operation(&op.name);
    let path = svc.operation_module(&op.name);
    let operation = naming::to_ident(&names.operation);
    let input = naming::to_ident(&names.input);
    let output = naming::to_ident(&names.output);
    let error = naming::to_ident(&names.error);
    let received = svc
        .output_stream(op)
        .map(|m| {
            format!(
                ", whose {} stream gives the events of the response (`recv().await`)",
                code(&m.name)
            )
        })
        .unwrap_or_default();
    let doc = Doc::text(&format!(
        "Builds the input and starts the call over HTTP/2: the request is signed, the events \
         of the input's {stream} are sent first, and once the response head is in, it returns \
         the [`EventSender`](crate::runtime::client::duplex::EventSender) of further events \
         (each frame signed, chained to the request's signature; `end()` closes the stream) \
         and the output{received}. One attempt: no retry once the body has started. An error \
         status before the stream is the operation's error; a required member that is not \
         set is [`ErrorKind::InvalidInput`](crate::runtime::client::ErrorKind::InvalidInput) \
         and nothing is sent.",
        stream = code(&stream.name),
    ))
    .attrs();
    Some(quote! {
        #doc
        pub async fn send(
            self,
        ) -> ::std::result::Result<
            (crate::runtime::client::duplex::EventSender<#event>, #path::#output),
            crate::runtime::client::Error<#path::#error>,
        > {
            let core = self.client.clone();
            let input: #path::#input = #build;
            let params = <#path::#input as crate::runtime::client::Input<Client>>::endpoint_params(&input);
            core.invoke_duplex::<#path::#operation>(&input, &params).await
        }
    })
}

/// `DuplexOperation` for `op`, whose input is an event stream: its event type, its sans-IO
/// sender and the events of the input.
fn duplex_operation(svc: &Service<'_>, op: &crate::ir::Operation) -> TokenStream {
    let Some(stream) = svc.input_stream(op) else {
        return TokenStream::new();
    };
    let event = svc.type_path(&stream.target);
    let names = svc.names.operation(&op.name);
    let path = svc.operation_module(&op.name);
    let operation = naming::to_ident(&names.operation);
    let input = naming::to_ident(&names.input);
    let field = match &svc.model.shape(&op.input).kind {
        crate::ir::ShapeKind::Structure(s) => s
            .members
            .iter()
            .position(|m| m.name == stream.name)
            .and_then(|at| svc.names.fields(&op.input).get(at)),
        _ => None,
    };
    let Some(field) = field.map(|f| naming::to_ident(f)) else {
        unreachable!("`{}`'s input has its stream member", op.name)
    };
    quote! {
        impl crate::runtime::client::duplex::DuplexOperation for #path::#operation {
            type Event = #event;

            fn event_sender() -> crate::runtime::event_sender::Sender<#event> {
                #path::#operation::event_sender()
            }

            fn initial_events(input: &#path::#input) -> &[#event] {
                input.#field.as_deref().unwrap_or_default()
            }
        }
    }
}
