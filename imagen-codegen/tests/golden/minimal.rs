/// Scope marker types, one per scope of the description, and the default scope set.
///
/// Declare the scope set your application holds with the `scopes!` macro.
pub mod scopes {
    /// The scope set of an application that declared none: the description's defaults (none).
    #[derive(Debug, Clone, Copy)]
    pub enum DefaultScopes {}
    impl ::imagen_runtime::scope::ScopeSet for DefaultScopes {
        const NAMES: &'static [&'static str] = &[];
    }
    /// Holding this scope set lets the application use scope `R`, which
    /// the endpoint `E` needs (declared, or implied by a declared scope).
    /// Implemented by `DefaultScopes` and by the sets `scopes!` declares;
    /// its message says what to do when a call needs a scope the set lacks.
    #[diagnostic::on_unimplemented(message = "endpoint `{E}` needs the `{R}` scope, which scope set `{Self}` does not grant", label = "`{E}` needs scope `{R}`", note = "ask the API's administrator to grant `{R}` to the application, then add it to the declaration: `scopes!(pub MyApp = …, {R});` and use `Client<MyApp, _>`")]
    pub trait Grants<R: ::imagen_runtime::scope::Scope, E> {}
    /// For each scope that implies others, the scopes holding it lets
    /// the application use (wire names); `Client::verify_scopes` uses it.
    pub const IMPLIED: &[(&str, &[&str])] = &[];
}
/// Declares the scope set an application holds, as a type for `Client<S, _>`:
/// `scopes!(pub MyApp = );`
///
/// Scopes of this description: . Declare only scopes the application has been granted.
macro_rules! __imagen_scopes {
    ($vis:vis $name:ident = $($scope:ident), * $(,)?) => {
        ::imagen_runtime::__private::declare_scopes! {
            runtime = [::imagen_runtime],
            module = [crate::scopes],
            table = [],
            set = [$vis $name = $($scope), *]
        }
    };
}
#[allow(unused_imports)]
pub(crate) use __imagen_scopes as scopes;
/// The types of the description: request and response bodies with their wire names.
pub mod types {
    #![allow(clippy::type_complexity)]
}
/// Setters for the `minimal` API's hosts on a [`SessionBuilder`](::imagen_runtime::SessionBuilder): `use` it to call them.
pub trait HostUrls: ::std::marker::Sized {
    /// The base URL of host `main`
    ///
    /// The same as `host("main", url)`.
    fn main_url(self, url: impl ::std::convert::Into<::std::string::String>) -> Self;
}
impl HostUrls for ::imagen_runtime::SessionBuilder {
    fn main_url(self, url: impl ::std::convert::Into<::std::string::String>) -> Self {
        self.host("main", url)
    }
}
/// Where the `minimal` API's credentials and host URLs come from: `MINIMAL_API_KEY`, `MINIMAL_API_SECRET` and each host's variable (see `Client::session_from_env`).
pub static ENVIRONMENT: ::imagen_runtime::Environment = ::imagen_runtime::Environment {
    key_var: "MINIMAL_API_KEY",
    secret_var: "MINIMAL_API_SECRET",
    hosts: &[
        ::imagen_runtime::HostSpec {
            key: "main",
            env: ::std::option::Option::None,
            default_url: ::std::option::Option::None
        }
    ],
    file: ::std::option::Option::None,
};
/// Every endpoint of the `minimal` API, in the description's order.
pub static ENDPOINTS: &[&::imagen_runtime::endpoint::Endpoint] = &[&health::endpoints::CHECK];
/// A client for the `minimal` API.
///
/// `S` is the application's scope set (declare it with `scopes!`), `A` the authentication kind: `AppContext` (signed with the API key and secret) or `UserContext` (acting for a user with an OAuth 2.0 token). Calling an endpoint the scope set or the authentication kind doesn't allow does not compile.
///
/// Hosts:
/// - `main`
pub struct Client<S = scopes::DefaultScopes, A = ::imagen_runtime::scope::AppContext> {
    session: ::imagen_runtime::Session,
    _marker: ::std::marker::PhantomData<fn() -> (S, A)>,
}
impl<S, A> ::std::clone::Clone for Client<S, A> {
    fn clone(&self) -> Self {
        Client {
            session: self.session.clone(),
            _marker: ::std::marker::PhantomData
        }
    }
}
impl<S, A> ::std::fmt::Debug for Client<S, A> {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.debug_struct("Client").field("scopes", &::std::any::type_name::<S>()).field("auth", &::std::any::type_name::<A>()).field("session", &self.session).finish()
    }
}
impl Client {
    /// An application-context client with the default scope set.
    pub fn new(session: ::imagen_runtime::Session) -> Self {
        Client {
            session,
            _marker: ::std::marker::PhantomData
        }
    }
    /// A session builder with the key, secret and host URLs from the
    /// variables this description names (`ENVIRONMENT`).
    pub fn session_from_env() -> ::std::result::Result<::imagen_runtime::SessionBuilder, ::imagen_runtime::Error> {
        ::imagen_runtime::SessionBuilder::from_env_for(&ENVIRONMENT)
    }
}
impl<S: ::imagen_runtime::scope::ScopeSet, A> Client<S, A> {
    /// The same client with the scope set `S2` (declared with `scopes!`).
    pub fn with_scopes<S2: ::imagen_runtime::scope::ScopeSet>(self) -> Client<S2, A> {
        Client {
            session: self.session,
            _marker: ::std::marker::PhantomData
        }
    }
    /// The session: credentials, hosts, HTTP client and policies.
    pub fn session(&self) -> &::imagen_runtime::Session {
        &self.session
    }
    /// Wire names of the scopes the client's scope set declares
    /// (what an OAuth authorization request asks for).
    pub fn declared_scopes(&self) -> &'static [&'static str] {
        S::NAMES
    }
    pub fn health(&self) -> health::Health<'_, S, A> {
        health::Health {
            client: self
        }
    }
}
impl<S> Client<S, ::imagen_runtime::scope::AppContext> {
    /// A client acting for the user whose OAuth 2.0 tokens `tokens` provides.
    pub fn for_user(&self, tokens: ::std::sync::Arc<dyn ::imagen_runtime::TokenSource>) -> Client<S, ::imagen_runtime::scope::UserContext> {
        Client {
            session: self.session.with_token_source(tokens),
            _marker: ::std::marker::PhantomData
        }
    }
}
impl<S> Client<S, ::imagen_runtime::scope::UserContext> {
    /// The application-context client of the same application (signed requests).
    pub fn as_application(&self) -> Client<S, ::imagen_runtime::scope::AppContext> {
        Client {
            session: self.session.application_context(),
            _marker: ::std::marker::PhantomData
        }
    }
}
/// The `health` resource.
///
/// Reached through `Client::health()`.
pub mod health {
    #![allow(clippy::type_complexity)]
    use ::imagen_runtime as rt;
    /// The `health` resource's endpoints, borrowed from a [`Client`](super::Client).
    pub struct Health<'c, S, A> {
        pub(super) client: &'c super::Client<S, A>,
    }
    impl<'c, S: rt::scope::ScopeSet, A> Health<'c, S, A> {
        /// `health.check`
        ///
        /// `GET /health` on host `main`.
        ///
        /// - Authentication: none.
        /// - Scopes: none.
        pub fn check(&self) -> Check {
            Check(self.client.session.request(&endpoints::CHECK, &[]))
        }
    }
    /// A `health.check` request, made by [`Health::check`]: set optional parameters, then `.send().await`.
    #[must_use = "a request does nothing until it is sent: call `.send().await`"]
    pub struct Check(rt::Request<rt::__private::serde_json::Value>);
    impl Check {
        /// Sends the request and decodes the answer: `.send().await`.
        #[inline]
        pub fn send(self) -> rt::Pending<rt::__private::serde_json::Value> {
            self.0.send()
        }
    }
    /// What the runtime sends for each endpoint of `health`: one [`Endpoint`](rt::endpoint::Endpoint) per endpoint, as data.
    pub mod endpoints {
        use super::rt::endpoint::{Auth, Endpoint, Method};
        /// `health.check`: `GET /health`.
        pub static CHECK: Endpoint = Endpoint {
            name: "health.check",
            method: Method::Get,
            host: "main",
            path: "/health",
            auth: Auth::None,
            ..Endpoint::BASE
        };
    }
}
