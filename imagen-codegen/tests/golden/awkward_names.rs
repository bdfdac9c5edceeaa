/// Scope marker types, one per scope of the description, and the default scope set.
///
/// Declare the scope set your application holds with the `scopes!` macro.
pub mod scopes {
    /// Scope `read-only`: Dashes in a scope name → `ReadOnly`. Ça marche.
    ///
    /// Granted to new applications by default.
    pub enum ReadOnly {}
    impl ::imagen_runtime::scope::Scope for ReadOnly {
        const NAME: &'static str = "read-only";
    }
    /// Scope `write.all`: Dots in a scope name.
    ///
    /// Implies `read-only`.
    pub enum WriteAll {}
    impl ::imagen_runtime::scope::Scope for WriteAll {
        const NAME: &'static str = "write.all";
    }
    /// Scope `type`: A keyword as scope name becomes `Type`, which is fine.
    pub enum Type {}
    impl ::imagen_runtime::scope::Scope for Type {
        const NAME: &'static str = "type";
    }
    /// Scope `self_service`: Renamed with `rust:` (would be `SelfService` anyway).
    pub enum SelfService {}
    impl ::imagen_runtime::scope::Scope for SelfService {
        const NAME: &'static str = "self_service";
    }
    /// The scope set of an application that declared none: the description's defaults (`read-only`).
    #[derive(Debug, Clone, Copy)]
    pub enum DefaultScopes {}
    impl ::imagen_runtime::scope::ScopeSet for DefaultScopes {
        const NAMES: &'static [&'static str] = &["read-only"];
    }
    /// Holding this scope set lets the application use scope `R`, which
    /// the endpoint `E` needs (declared, or implied by a declared scope).
    /// Implemented by `DefaultScopes` and by the sets `scopes!` declares;
    /// its message says what to do when a call needs a scope the set lacks.
    #[diagnostic::on_unimplemented(message = "endpoint `{E}` needs the `{R}` scope, which scope set `{Self}` does not grant", label = "`{E}` needs scope `{R}`", note = "ask the API's administrator to grant `{R}` to the application, then add it to the declaration: `scopes!(pub MyApp = …, {R});` and use `Client<MyApp, _>`")]
    pub trait Grants<R: ::imagen_runtime::scope::Scope, E> {}
    impl<E> Grants<ReadOnly, E> for DefaultScopes {}
    /// For each scope that implies others, the scopes holding it lets
    /// the application use (wire names); `Client::verify_scopes` uses it.
    pub const IMPLIED: &[(&str, &[&str])] = &[("write.all", &["read-only"])];
}
/// Declares the scope set an application holds, as a type for `Client<S, _>`:
/// `scopes!(pub MyApp = ReadOnly, WriteAll);`
///
/// Scopes of this description: `ReadOnly`, `WriteAll`, `Type`, `SelfService`. Declare only scopes the application has been granted.
macro_rules! __imagen_scopes {
    ($vis:vis $name:ident = $($scope:ident), * $(,)?) => {
        ::imagen_runtime::__private::declare_scopes! {
            runtime = [::imagen_runtime],
            module = [crate::scopes],
            table = ["read-only" ReadOnly[ReadOnly]; "write.all" WriteAll[ReadOnly WriteAll]; "type" Type[Type]; "self_service" SelfService[SelfService];],
            set = [$vis $name = $($scope), *]
        }
    };
}
#[allow(unused_imports)]
pub(crate) use __imagen_scopes as scopes;
/// The types of the description: request and response bodies with their wire names.
pub mod types {
    #![allow(clippy::type_complexity)]
    use ::imagen_runtime as rt;
    /// A type named like a keyword once CamelCased is fine: `Match`. 中文说明。
    #[derive(Clone, Debug, PartialEq)]
    pub struct Match {
        /// Becomes `r#type`.
        ///
        /// Wire name `type`.
        pub r#type: ::std::string::String,
        /// Becomes `r#match`.
        ///
        /// Wire name `match`.
        pub r#match: bool,
        /// Becomes `r#async` (2018 keyword).
        ///
        /// Wire name `async`.
        pub r#async: ::std::option::Option<i32>,
        /// Becomes `r#gen` (2024 reserved keyword).
        ///
        /// Wire name `gen`.
        pub r#gen: ::std::option::Option<i32>,
        /// Wire name with a dash and a dot.
        ///
        /// Wire name `x-total.count`.
        pub total_count: u64,
        /// `self` can't be a Rust name: renamed, wire name kept.
        ///
        /// Wire name `self`.
        pub self_link: ::std::string::String,
        /// Non-ASCII wire name, ASCII key.
        ///
        /// Wire name `ünique`.
        pub unique_name: ::std::option::Option<::std::string::String>,
        /// Line one.
        ///
        /// Line three with */ and "quotes" and a \ backslash.
        ///   indented line
        /// # not a heading in YAML
        ///
        /// Wire name `weird_doc`.
        pub weird_doc: ::std::option::Option<::std::string::String>,
        /// Wire name is an emoji. 🚀
        ///
        /// Wire name `🦀`.
        pub emoji: ::std::option::Option<::std::string::String>,
    }
    impl rt::__private::serde::Serialize for Match {
        fn serialize<S: rt::__private::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
            let mut m = rt::wire::struct_ser::begin(s, "Match", 4, &[
                self.r#async.is_some(),
                self.r#gen.is_some(),
                self.unique_name.is_some(),
                self.weird_doc.is_some(),
                self.emoji.is_some()
            ])?;
            rt::wire::struct_ser::field(&mut m, "type", &self.r#type)?;
            rt::wire::struct_ser::field(&mut m, "match", &self.r#match)?;
            rt::wire::struct_ser::optional(&mut m, "async", &self.r#async)?;
            rt::wire::struct_ser::optional(&mut m, "gen", &self.r#gen)?;
            rt::wire::struct_ser::field(&mut m, "x-total.count", &self.total_count)?;
            rt::wire::struct_ser::field(&mut m, "self", &self.self_link)?;
            rt::wire::struct_ser::optional(&mut m, "ünique", &self.unique_name)?;
            rt::wire::struct_ser::optional(&mut m, "weird_doc", &self.weird_doc)?;
            rt::wire::struct_ser::optional(&mut m, "🦀", &self.emoji)?;
            rt::__private::serde::ser::SerializeStruct::end(m)
        }
    }
    impl<'de> rt::__private::serde::Deserialize<'de> for Match {
        fn deserialize<D: rt::__private::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
            rt::wire::struct_de::deserialize(d)
        }
    }
    impl rt::wire::struct_de::StructDe for Match {
        const NAME: &'static str = "Match";
        const KEYS: &'static [&'static str] = &["type", "match", "async", "gen", "x-total.count", "self", "ünique", "weird_doc", "🦀"];
        type Slots = (::std::option::Option<::std::string::String>, ::std::option::Option<bool>, ::std::option::Option<::std::option::Option<i32>>, ::std::option::Option<::std::option::Option<i32>>, ::std::option::Option<u64>, ::std::option::Option<::std::string::String>, ::std::option::Option<::std::option::Option<::std::string::String>>, ::std::option::Option<::std::option::Option<::std::string::String>>, ::std::option::Option<::std::option::Option<::std::string::String>>,);
        fn set<'de, A: rt::__private::serde::de::MapAccess<'de>>(s: &mut Self::Slots, key: usize, m: &mut A) -> ::std::result::Result<(), A::Error> {
            match key {
                0 => rt::wire::struct_de::value(&mut s.0, m),
                1 => rt::wire::struct_de::value(&mut s.1, m),
                2 => rt::wire::struct_de::value(&mut s.2, m),
                3 => rt::wire::struct_de::value(&mut s.3, m),
                4 => rt::wire::struct_de::value(&mut s.4, m),
                5 => rt::wire::struct_de::value(&mut s.5, m),
                6 => rt::wire::struct_de::value(&mut s.6, m),
                7 => rt::wire::struct_de::value(&mut s.7, m),
                8 => rt::wire::struct_de::value(&mut s.8, m),
                _ => ::std::result::Result::Ok(()),
            }
        }
        fn build<E: rt::__private::serde::de::Error>(s: Self::Slots) -> ::std::result::Result<Self, E> {
            ::std::result::Result::Ok(Match {
                r#type: rt::wire::struct_de::required(s.0, "type")?,
                r#match: rt::wire::struct_de::required(s.1, "match")?,
                r#async: s.2.flatten(),
                r#gen: s.3.flatten(),
                total_count: rt::wire::struct_de::required(s.4, "x-total.count")?,
                self_link: rt::wire::struct_de::required(s.5, "self")?,
                unique_name: s.6.flatten(),
                weird_doc: s.7.flatten(),
                emoji: s.8.flatten(),
            })
        }
    }
    impl rt::wire::Wire for Match {
        fn kind() -> rt::wire::Kind {
            static SHAPE: rt::wire::Shape = rt::wire::Shape {
                name: "Match",
                fields: &[
                    rt::wire::Field::element("type", <::std::string::String as rt::wire::Wire>::kind),
                    rt::wire::Field::element("match", <bool as rt::wire::Wire>::kind),
                    rt::wire::Field::element("async", <i32 as rt::wire::Wire>::kind).optional(),
                    rt::wire::Field::element("gen", <i32 as rt::wire::Wire>::kind).optional(),
                    rt::wire::Field::element("x-total.count", <u64 as rt::wire::Wire>::kind),
                    rt::wire::Field::element("self", <::std::string::String as rt::wire::Wire>::kind),
                    rt::wire::Field::element("ünique", <::std::string::String as rt::wire::Wire>::kind).optional(),
                    rt::wire::Field::element("weird_doc", <::std::string::String as rt::wire::Wire>::kind).optional(),
                    rt::wire::Field::element("🦀", <::std::string::String as rt::wire::Wire>::kind).optional()
                ],
                plain_json: true,
            };
            rt::wire::Kind::Struct(|| &SHAPE)
        }
    }
    /// Enum values with dashes, dots and mixed case.
    ///
    /// Unknown values are kept in `Other`, so nothing the server sends is lost.
    #[derive(Clone, Debug, PartialEq, Eq, Hash)]
    #[allow(clippy::enum_variant_names)]
    pub enum Kind {
        /// Wire value `first-kind`.
        FirstKind,
        /// Wire value `second.kind`.
        SecondKind,
        /// Wire value `THIRD_KIND`.
        ThirdKind,
        /// Wire value `fourthKind`.
        FourthKind,
        /// Wire value `type`.
        Type,
        /// Wire value `match`.
        Match,
        /// A value this description does not list.
        Other(::std::string::String),
    }
    impl Kind {
        /// The wire value.
        pub fn as_str(&self) -> &str {
            match self {
                Self::FirstKind => "first-kind",
                Self::SecondKind => "second.kind",
                Self::ThirdKind => "THIRD_KIND",
                Self::FourthKind => "fourthKind",
                Self::Type => "type",
                Self::Match => "match",
                Self::Other(s) => s,
            }
        }
    }
    impl ::std::convert::From<::std::string::String> for Kind {
        fn from(s: ::std::string::String) -> Self {
            match s.as_str() {
                "first-kind" => Self::FirstKind,
                "second.kind" => Self::SecondKind,
                "THIRD_KIND" => Self::ThirdKind,
                "fourthKind" => Self::FourthKind,
                "type" => Self::Type,
                "match" => Self::Match,
                _ => Self::Other(s),
            }
        }
    }
    impl ::std::fmt::Display for Kind {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            f.write_str(self.as_str())
        }
    }
    impl rt::__private::serde::Serialize for Kind {
        fn serialize<S: rt::__private::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
            s.serialize_str(self.as_str())
        }
    }
    impl<'de> rt::__private::serde::Deserialize<'de> for Kind {
        fn deserialize<D: rt::__private::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
            <::std::string::String as rt::__private::serde::Deserialize>::deserialize(d).map(Self::from)
        }
    }
    impl ::std::str::FromStr for Kind {
        type Err = ::std::convert::Infallible;
        fn from_str(s: &str) -> ::std::result::Result<Self, <Self as ::std::str::FromStr>::Err> {
            ::std::result::Result::Ok(Self::from(::std::string::String::from(s)))
        }
    }
    impl rt::wire::Wire for Kind {
        fn kind() -> rt::wire::Kind {
            rt::wire::Kind::Text
        }
    }
}
/// Setters for the `awkward` API's hosts on a [`SessionBuilder`](::imagen_runtime::SessionBuilder): `use` it to call them.
pub trait HostUrls: ::std::marker::Sized {
    /// The base URL of host `main`: Host with a `*/` in its doc and a trailing backslash \
    ///
    /// The same as `host("main", url)`.
    fn main_url(self, url: impl ::std::convert::Into<::std::string::String>) -> Self;
}
impl HostUrls for ::imagen_runtime::SessionBuilder {
    fn main_url(self, url: impl ::std::convert::Into<::std::string::String>) -> Self {
        self.host("main", url)
    }
}
/// Where the `awkward` API's credentials and host URLs come from: `AWKWARD_API_KEY`, `AWKWARD_API_SECRET` and each host's variable (see `Client::session_from_env`).
pub static ENVIRONMENT: ::imagen_runtime::Environment = ::imagen_runtime::Environment {
    key_var: "AWKWARD_API_KEY",
    secret_var: "AWKWARD_API_SECRET",
    hosts: &[
        ::imagen_runtime::HostSpec {
            key: "main",
            env: ::std::option::Option::Some("AWKWARD_URL"),
            default_url: ::std::option::Option::None
        }
    ],
    file: ::std::option::Option::None,
};
/// Every endpoint of the `awkward` API, in the description's order.
pub static ENDPOINTS: &[&::imagen_runtime::endpoint::Endpoint] = &[
    &matches::endpoints::MATCH,
    &matches::endpoints::CURRENT,
    &matches::endpoints::ASYNC,
    &matches::endpoints::FN,
    &user_groups::endpoints::GET_ALL
];
/// A client for the `awkward` API.
///
/// Ünïcödé everywhere — “quotes”, 'single', `backticks`, */ and /* and /** and //! in docs; 日本語のドキュメント; emoji 🦀🚀.
///
/// `S` is the application's scope set (declare it with `scopes!`), `A` the authentication kind: `AppContext` (signed with the API key and secret) or `UserContext` (acting for a user with an OAuth 2.0 token). Calling an endpoint the scope set or the authentication kind doesn't allow does not compile.
///
/// Hosts:
/// - `main` (`AWKWARD_URL`): Host with a `*/` in its doc and a trailing backslash \
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
    /// Endpoints and parameters named like keywords. «Guillemets», naïve café.
    pub fn matches(&self) -> matches::Matches<'_, S, A> {
        matches::Matches {
            client: self
        }
    }
    /// A resource with a dash: module `user_groups`, type `UserGroups`.
    pub fn user_groups(&self) -> user_groups::UserGroups<'_, S, A> {
        user_groups::UserGroups {
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
/// Endpoints and parameters named like keywords. «Guillemets», naïve café.
///
/// Reached through `Client::matches()`.
pub mod matches {
    #![allow(clippy::type_complexity)]
    use ::imagen_runtime as rt;
    /// The `matches` resource's endpoints, borrowed from a [`Client`](super::Client).
    pub struct Matches<'c, S, A> {
        pub(super) client: &'c super::Client<S, A>,
    }
    impl<'c, S: rt::scope::ScopeSet, A> Matches<'c, S, A> {
        /// An endpoint named `match` → method `r#match`, request type `Match`. Docs may end with a backslash \
        ///
        /// `GET /matches/{type}/{self}` on host `main`.
        ///
        /// - Authentication: user context (OAuth 2.0 access token).
        /// - Scopes: `read-only`.
        /// - `type`, in the path: Becomes `r#type`.
        /// - `self_id` (`self`), in the path: `self` renamed with `rust:`.
        /// - `async`, in the query: Becomes `r#async`.
        pub fn r#match(&self, r#type: super::types::Kind, self_id: &str, r#async: bool) -> Match
        where
            S: super::scopes::Grants<super::scopes::ReadOnly, Match>,
            A: rt::scope::ActsForUser<Match>,
        {
            Match(self.client.session.request(&endpoints::MATCH, &[&r#type, &self_id]).query("async", r#async))
        }
        /// An endpoint keyed `self`, renamed `current` with `rust:`.
        ///
        /// `POST /matches/self` on host `main`.
        ///
        /// - Authentication: user context (OAuth 2.0 access token).
        /// - Scopes: `write.all`.
        /// - `body`: The body: `*/` is harmless in `///` comments.
        /// - Not idempotent: never sent again once it may have reached the server; an unknown outcome is `Error::OutcomeUnknown`.
        pub fn current(&self, body: &super::types::Match) -> Current
        where
            S: super::scopes::Grants<super::scopes::WriteAll, Current>,
            A: rt::scope::ActsForUser<Current>,
        {
            Current(self.client.session.request(&endpoints::CURRENT, &[]).json(body))
        }
        /// Becomes `r#async`; request type `Async`.
        /// 日本語: 非同期。🦀
        ///
        /// `DELETE /matches/async` on host `main`.
        ///
        /// - Authentication: application context (signed with the API key and secret).
        /// - Scopes: `type`.
        pub fn r#async(&self) -> Async
        where
            S: super::scopes::Grants<super::scopes::Type, Async>,
            A: rt::scope::ActsForApplication<Async>,
        {
            Async(self.client.session.request(&endpoints::ASYNC, &[]))
        }
        /// `matches.fn`
        ///
        /// `PUT /matches/fn` on host `main`.
        ///
        /// - Authentication: application or user context.
        /// - Scopes: `self_service`.
        pub fn r#fn(&self, body: impl ::std::convert::Into<::std::string::String>) -> Fn
        where
            S: super::scopes::Grants<super::scopes::SelfService, Fn>,
        {
            Fn(self.client.session.request(&endpoints::FN, &[]).xml(body))
        }
    }
    /// A `matches.match` request, made by `match` of [`Matches`]: set optional parameters, then `.send().await`.
    #[must_use = "a request does nothing until it is sent: call `.send().await`"]
    pub struct Match(rt::Request<::std::vec::Vec<super::types::Match>>);
    impl Match {
        /// Sets `x-total.count`: Dashes and dots in a wire name.
        #[inline]
        pub fn x_total_count(self, value: u64) -> Self {
            Self(self.0.query("x-total.count", value))
        }
        /// Sets `2fa`: Starts with a digit: renamed with `rust:`.
        #[inline]
        pub fn two_factor(self, value: bool) -> Self {
            Self(self.0.query("2fa", value))
        }
        /// Sets `loop`: `rust: loop` gives `r#loop`.
        #[inline]
        pub fn r#loop(self, value: &str) -> Self {
            Self(self.0.query("loop", value))
        }
        /// Sets `impl`.
        #[inline]
        pub fn r#impl(self, value: super::types::Kind) -> Self {
            Self(self.0.query("impl", value))
        }
        /// Sends the request and decodes the answer: `.send().await`.
        #[inline]
        pub fn send(self) -> rt::Pending<::std::vec::Vec<super::types::Match>> {
            self.0.send()
        }
    }
    /// A `matches.self` request, made by [`Matches::current`]: set optional parameters, then `.send().await`.
    #[must_use = "a request does nothing until it is sent: call `.send().await`"]
    pub struct Current(rt::Request<super::types::Match>);
    impl Current {
        /// Sends the request and decodes the answer: `.send().await`.
        #[inline]
        pub fn send(self) -> rt::Pending<super::types::Match> {
            self.0.send()
        }
    }
    /// A `matches.async` request, made by `async` of [`Matches`]: set optional parameters, then `.send().await`.
    #[must_use = "a request does nothing until it is sent: call `.send().await`"]
    pub struct Async(rt::Request<rt::__private::serde_json::Value>);
    impl Async {
        /// Sends the request and decodes the answer: `.send().await`.
        #[inline]
        pub fn send(self) -> rt::Pending<rt::__private::serde_json::Value> {
            self.0.send()
        }
    }
    /// A `matches.fn` request, made by `fn` of [`Matches`]: set optional parameters, then `.send().await`.
    #[must_use = "a request does nothing until it is sent: call `.send().await`"]
    pub struct Fn(rt::Request<super::types::Kind>);
    impl Fn {
        /// Sends the request and decodes the answer: `.send().await`.
        #[inline]
        pub fn send(self) -> rt::Pending<super::types::Kind> {
            self.0.send()
        }
    }
    /// What the runtime sends for each endpoint of `matches`: one [`Endpoint`](rt::endpoint::Endpoint) per endpoint, as data.
    pub mod endpoints {
        use super::rt::endpoint::{Auth, Endpoint, Method};
        /// `matches.match`: `GET /matches/{type}/{self}`.
        pub static MATCH: Endpoint = Endpoint {
            name: "matches.match",
            method: Method::Get,
            host: "main",
            path: "/matches/{type}/{self}",
            auth: Auth::User,
            scopes: &["read-only"],
            ..Endpoint::BASE
        };
        /// `matches.self`: `POST /matches/self`.
        pub static CURRENT: Endpoint = Endpoint {
            name: "matches.self",
            method: Method::Post,
            host: "main",
            path: "/matches/self",
            auth: Auth::User,
            scopes: &["write.all"],
            idempotent: false,
            ..Endpoint::BASE
        };
        /// `matches.async`: `DELETE /matches/async`.
        pub static ASYNC: Endpoint = Endpoint {
            name: "matches.async",
            method: Method::Delete,
            host: "main",
            path: "/matches/async",
            auth: Auth::Application,
            scopes: &["type"],
            ..Endpoint::BASE
        };
        /// `matches.fn`: `PUT /matches/fn`.
        pub static FN: Endpoint = Endpoint {
            name: "matches.fn",
            method: Method::Put,
            host: "main",
            path: "/matches/fn",
            auth: Auth::Any,
            scopes: &["self_service"],
            ..Endpoint::BASE
        };
    }
}
/// A resource with a dash: module `user_groups`, type `UserGroups`.
///
/// Reached through `Client::user_groups()`.
pub mod user_groups {
    #![allow(clippy::type_complexity)]
    use ::imagen_runtime as rt;
    /// The `user-groups` resource's endpoints, borrowed from a [`Client`](super::Client).
    pub struct UserGroups<'c, S, A> {
        pub(super) client: &'c super::Client<S, A>,
    }
    impl<'c, S: rt::scope::ScopeSet, A> UserGroups<'c, S, A> {
        /// `user-groups.get-all`
        ///
        /// `GET /user-groups/{group.id}` on host `main`.
        ///
        /// - Authentication: none.
        /// - Scopes: none.
        /// - `group_id` (`group.id`), in the path: A path parameter with a dot: `{group.id}`.
        /// - `content_type` (`Content-Type`), in the query
        pub fn get_all(&self, group_id: &str, content_type: &str) -> GetAll {
            GetAll(self.client.session.request(&endpoints::GET_ALL, &[&group_id]).query("Content-Type", content_type))
        }
    }
    /// A `user-groups.get-all` request, made by [`UserGroups::get_all`]: set optional parameters, then `.send().await`.
    #[must_use = "a request does nothing until it is sent: call `.send().await`"]
    pub struct GetAll(rt::Request<rt::IndexMap<::std::string::String, ::std::vec::Vec<super::types::Kind>>>);
    impl GetAll {
        /// Sets `page.size`.
        #[inline]
        pub fn page_size(self, value: u32) -> Self {
            Self(self.0.query("page.size", value))
        }
        /// Sends the request and decodes the answer: `.send().await`.
        #[inline]
        pub fn send(self) -> rt::Pending<rt::IndexMap<::std::string::String, ::std::vec::Vec<super::types::Kind>>> {
            self.0.send()
        }
    }
    /// What the runtime sends for each endpoint of `user-groups`: one [`Endpoint`](rt::endpoint::Endpoint) per endpoint, as data.
    pub mod endpoints {
        use super::rt::endpoint::{Auth, Endpoint, Method};
        /// `user-groups.get-all`: `GET /user-groups/{group.id}`.
        pub static GET_ALL: Endpoint = Endpoint {
            name: "user-groups.get-all",
            method: Method::Get,
            host: "main",
            path: "/user-groups/{group.id}",
            auth: Auth::None,
            ..Endpoint::BASE
        };
    }
}
