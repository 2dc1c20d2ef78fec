//! The STS and SSO calls of the client's default credential chain, made by the crate's own
//! generated clients (feature `client`): `src/<sts>/federation.rs` (AssumeRole,
//! AssumeRoleWithWebIdentity) and `src/<sso>/federation.rs` (GetRoleCredentials) when the crate
//! has those services with those operations, and in `runtime/mod.rs` a `CrateFederation` that
//! implements the runtime's `credential_chain::Federation` with them (each behind its
//! service's feature) and `default_federation()`, which `Client::from_env` hands to the chain.
//! A crate without STS or SSO carries none of their code: the calls then fail, saying so.

use proc_macro2::TokenStream;
use quote::quote;

use super::{RustFile, Service};
use crate::ir::Model;
use crate::naming;

/// The STS operations the chain calls.
pub const STS_OPERATIONS: &[&str] = &["AssumeRole", "AssumeRoleWithWebIdentity"];

/// The SSO portal operation the chain calls.
pub const SSO_OPERATIONS: &[&str] = &["GetRoleCredentials"];

/// Which federation service `model` is for the chain, if any: STS or SSO with every operation
/// the chain calls.
pub fn federation_service(model: &Model) -> Option<FederationService> {
    let has = |names: &[&str]| {
        names
            .iter()
            .all(|name| model.operations.iter().any(|op| op.name == *name))
    };
    match model.service.service_id.as_deref() {
        Some("STS") if has(STS_OPERATIONS) => Some(FederationService::Sts),
        Some("SSO") if has(SSO_OPERATIONS) => Some(FederationService::Sso),
        _ => None,
    }
}

/// A service the chain calls.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FederationService {
    /// STS: AssumeRole, AssumeRoleWithWebIdentity.
    Sts,
    /// The SSO portal: GetRoleCredentials.
    Sso,
}

/// The module declaration for the service root.
pub fn module_decl() -> TokenStream {
    let feature = super::client::FEATURE;
    quote! {
        #[cfg(feature = #feature)]
        pub mod federation;
    }
}

/// `default_federation()` and its `Federation` for `runtime/mod.rs`: the calls of the crate's
/// STS and SSO services (`(module, which)`), each behind its service's feature; the others
/// keep the trait's default, an error saying the client is missing.
pub fn default_federation(services: &[(&str, FederationService)]) -> TokenStream {
    let feature = super::client::FEATURE;
    let methods = services.iter().map(|(module, which)| {
        let ident = naming::to_ident(module);
        match which {
            FederationService::Sts => quote! {
                #[cfg(feature = #module)]
                fn assume_role(
                    &self,
                    target: credential_chain::FederationTarget,
                    credentials: credentials::Credentials,
                    call: credential_chain::AssumeRole,
                ) -> transport::BoxFuture<'_, ::std::result::Result<credentials::Credentials, ::std::string::String>> {
                    crate::#ident::federation::assume_role(target, credentials, call)
                }

                #[cfg(feature = #module)]
                fn assume_role_with_web_identity(
                    &self,
                    target: credential_chain::FederationTarget,
                    call: credential_chain::AssumeRoleWithWebIdentity,
                ) -> transport::BoxFuture<'_, ::std::result::Result<credentials::Credentials, ::std::string::String>> {
                    crate::#ident::federation::assume_role_with_web_identity(target, call)
                }
            },
            FederationService::Sso => quote! {
                #[cfg(feature = #module)]
                fn get_role_credentials(
                    &self,
                    target: credential_chain::FederationTarget,
                    call: credential_chain::GetRoleCredentials,
                ) -> transport::BoxFuture<'_, ::std::result::Result<credentials::Credentials, ::std::string::String>> {
                    crate::#ident::federation::get_role_credentials(target, call)
                }
            },
        }
    });
    quote! {
        /// The STS and SSO calls the default credential chain makes, through this crate's own
        /// STS and SSO clients where it has them (and their features are on); the others fail,
        /// saying which client is missing.
        #[cfg(feature = #feature)]
        #[derive(::std::clone::Clone, ::std::marker::Copy, ::std::fmt::Debug, ::std::default::Default)]
        pub struct CrateFederation;

        #[cfg(feature = #feature)]
        impl credential_chain::Federation for CrateFederation {
            #(#methods)*
        }

        /// What `Client::from_env` hands to the default credential chain: [`CrateFederation`].
        #[cfg(feature = #feature)]
        pub fn default_federation() -> ::std::option::Option<::std::sync::Arc<dyn credential_chain::Federation>> {
            ::std::option::Option::Some(::std::sync::Arc::new(CrateFederation))
        }
    }
}

/// `src/<sts>/federation.rs`.
pub fn sts_file(svc: &Service<'_>) -> RustFile {
    let root = svc.root();
    RustFile {
        path: format!("src/{}/federation.rs", svc.module),
        source: svc.model.source.clone(),
        tokens: quote! {
            //! The STS calls of the default credential chain (`runtime::credential_chain`),
            //! made with this STS client: `AssumeRole` for profiles with `role_arn`, and
            //! `AssumeRoleWithWebIdentity` (unsigned) for web identity tokens.

            use crate::runtime::credential_chain::{AssumeRole, AssumeRoleWithWebIdentity, FederationTarget};
            use crate::runtime::credentials::Credentials;
            use crate::runtime::transport::BoxFuture;

            /// STS AssumeRole through this crate's STS client, signed with `credentials`.
            pub fn assume_role(
                target: FederationTarget,
                credentials: Credentials,
                call: AssumeRole,
            ) -> BoxFuture<'static, ::std::result::Result<Credentials, ::std::string::String>> {
                ::std::boxed::Box::pin(async move {
                    let config = crate::runtime::client::Config::new(target.region, credentials);
                    let client = client(config, target.endpoint)?;
                    let output = client
                        .assume_role()
                        .role_arn(call.role_arn)
                        .role_session_name(call.role_session_name)
                        .set_external_id(call.external_id)
                        .set_duration_seconds(call.duration_seconds)
                        .send()
                        .await
                        .map_err(|e| e.to_string())?;
                    temporary(output.credentials)
                })
            }

            /// STS AssumeRoleWithWebIdentity through this crate's STS client (unsigned, as the
            /// model says).
            pub fn assume_role_with_web_identity(
                target: FederationTarget,
                call: AssumeRoleWithWebIdentity,
            ) -> BoxFuture<'static, ::std::result::Result<Credentials, ::std::string::String>> {
                ::std::boxed::Box::pin(async move {
                    let config = crate::runtime::client::Config::anonymous(target.region);
                    let client = client(config, target.endpoint)?;
                    let output = client
                        .assume_role_with_web_identity()
                        .role_arn(call.role_arn)
                        .role_session_name(call.role_session_name)
                        .web_identity_token(call.web_identity_token)
                        .send()
                        .await
                        .map_err(|e| e.to_string())?;
                    temporary(output.credentials)
                })
            }

            /// The STS client of `config`, sent to `endpoint` when given.
            fn client(
                config: crate::runtime::client::Config,
                endpoint: ::std::option::Option<::std::string::String>,
            ) -> ::std::result::Result<#root::Client, ::std::string::String> {
                let config = match endpoint {
                    ::std::option::Option::Some(endpoint) => config.with_endpoint(endpoint),
                    ::std::option::Option::None => config,
                };
                #root::Client::new(config).map_err(|e| e.to_string())
            }

            /// The runtime's credentials from STS's: key id, secret and session token required.
            fn temporary(
                credentials: ::std::option::Option<#root::types::Credentials>,
            ) -> ::std::result::Result<Credentials, ::std::string::String> {
                let credentials = credentials
                    .ok_or_else(|| "the response has no Credentials".to_owned())?;
                let missing = |member: &str| format!("the response's Credentials have no {member}");
                let expiry = credentials.expiration.map(|time| {
                    let secs = u64::try_from(time.secs()).unwrap_or(0);
                    ::std::time::SystemTime::UNIX_EPOCH
                        + ::std::time::Duration::new(secs, time.subsec_nanos())
                });
                let result = Credentials::new(
                    credentials.access_key_id.ok_or_else(|| missing("AccessKeyId"))?,
                    credentials.secret_access_key.ok_or_else(|| missing("SecretAccessKey"))?,
                    ::std::option::Option::Some(
                        credentials.session_token.ok_or_else(|| missing("SessionToken"))?,
                    ),
                );
                ::std::result::Result::Ok(match expiry {
                    ::std::option::Option::Some(expiry) => result.with_expiry(expiry),
                    ::std::option::Option::None => result,
                })
            }
        },
    }
}

/// `src/<sso>/federation.rs`.
pub fn sso_file(svc: &Service<'_>) -> RustFile {
    let root = svc.root();
    RustFile {
        path: format!("src/{}/federation.rs", svc.module),
        source: svc.model.source.clone(),
        tokens: quote! {
            //! The SSO portal call of the default credential chain (`runtime::credential_chain`),
            //! made with this SSO client: `GetRoleCredentials` with the cached access token.

            use crate::runtime::credential_chain::{FederationTarget, GetRoleCredentials};
            use crate::runtime::credentials::Credentials;
            use crate::runtime::transport::BoxFuture;

            /// SSO GetRoleCredentials through this crate's SSO client (unsigned, as the model
            /// says: the access token authorizes it).
            pub fn get_role_credentials(
                target: FederationTarget,
                call: GetRoleCredentials,
            ) -> BoxFuture<'static, ::std::result::Result<Credentials, ::std::string::String>> {
                ::std::boxed::Box::pin(async move {
                    let config = crate::runtime::client::Config::anonymous(target.region);
                    let config = match target.endpoint {
                        ::std::option::Option::Some(endpoint) => config.with_endpoint(endpoint),
                        ::std::option::Option::None => config,
                    };
                    let client = #root::Client::new(config).map_err(|e| e.to_string())?;
                    let output = client
                        .get_role_credentials()
                        .account_id(call.account_id)
                        .role_name(call.role_name)
                        .access_token(call.access_token)
                        .send()
                        .await
                        .map_err(|e| e.to_string())?;
                    let role = output
                        .role_credentials
                        .ok_or_else(|| "the response has no roleCredentials".to_owned())?;
                    let missing = |member: &str| format!("the response's roleCredentials have no {member}");
                    let credentials = Credentials::new(
                        role.access_key_id.ok_or_else(|| missing("accessKeyId"))?,
                        role.secret_access_key.ok_or_else(|| missing("secretAccessKey"))?,
                        role.session_token,
                    );
                    // Epoch milliseconds.
                    ::std::result::Result::Ok(match role.expiration.and_then(|ms| u64::try_from(ms).ok()) {
                        ::std::option::Option::Some(ms) => credentials.with_expiry(
                            ::std::time::SystemTime::UNIX_EPOCH + ::std::time::Duration::from_millis(ms),
                        ),
                        ::std::option::Option::None => credentials,
                    })
                })
            }
        },
    }
}
