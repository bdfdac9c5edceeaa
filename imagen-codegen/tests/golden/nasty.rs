/// Scope marker types, one per scope of the description, and the default scope set.
///
/// Declare the scope set your application holds with the `scopes!` macro.
pub mod scopes {
    /// Scope `Send`
    ///
    /// Granted to new applications by default.
    pub enum Send {}
    impl ::imagen_runtime::scope::Scope for Send {
        const NAME: &'static str = "Send";
    }
    /// Scope `Sync`
    ///
    /// Implies `Send`.
    pub enum Sync {}
    impl ::imagen_runtime::scope::Scope for Sync {
        const NAME: &'static str = "Sync";
    }
    /// The scope set of an application that declared none: the description's defaults (`Send`).
    #[derive(Debug, Clone, Copy)]
    pub enum DefaultScopes {}
    impl ::imagen_runtime::scope::ScopeSet for DefaultScopes {
        const NAMES: &'static [&'static str] = &["Send"];
    }
    /// Holding this scope set lets the application use scope `R`, which
    /// the endpoint `E` needs (declared, or implied by a declared scope).
    /// Implemented by `DefaultScopes` and by the sets `scopes!` declares;
    /// its message says what to do when a call needs a scope the set lacks.
    #[diagnostic::on_unimplemented(message = "endpoint `{E}` needs the `{R}` scope, which scope set `{Self}` does not grant", label = "`{E}` needs scope `{R}`", note = "ask the API's administrator to grant `{R}` to the application, then add it to the declaration: `scopes!(pub MyApp = …, {R});` and use `Client<MyApp, _>`")]
    pub trait Grants<R: ::imagen_runtime::scope::Scope, E> {}
    impl<E> Grants<Send, E> for DefaultScopes {}
    /// For each scope that implies others, the scopes holding it lets
    /// the application use (wire names); `Client::verify_scopes` uses it.
    pub const IMPLIED: &[(&str, &[&str])] = &[("Sync", &["Send"])];
}
/// Declares the scope set an application holds, as a type for `Client<S, _>`:
/// `scopes!(pub MyApp = Send, Sync);`
///
/// Scopes of this description: `Send`, `Sync`. Declare only scopes the application has been granted.
macro_rules! __imagen_scopes {
    ($vis:vis $name:ident = $($scope:ident), * $(,)?) => {
        ::imagen_runtime::__private::declare_scopes! {
            runtime = [::imagen_runtime],
            module = [crate::scopes],
            table = ["Send" Send[Send]; "Sync" Sync[Send Sync];],
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
    /// `Some`
    #[derive(Clone, Debug, PartialEq)]
    pub struct Some {
        /// `type`.
        pub r#type: ::std::string::String,
        /// `match`.
        pub r#match: ::std::option::Option<i64>,
        /// `async`.
        pub r#async: ::std::vec::Vec<::std::vec::Vec<::std::vec::Vec<::std::vec::Vec<::std::vec::Vec<::std::vec::Vec<::std::vec::Vec<::std::vec::Vec<::std::vec::Vec<::std::vec::Vec<::std::vec::Vec<::std::vec::Vec<::std::vec::Vec<::std::vec::Vec<::std::vec::Vec<::std::vec::Vec<::std::vec::Vec<::std::vec::Vec<::std::vec::Vec<::std::vec::Vec<::std::vec::Vec<::std::vec::Vec<::std::vec::Vec<::std::vec::Vec<::std::vec::Vec<::std::vec::Vec<::std::vec::Vec<::std::vec::Vec<::std::vec::Vec<::std::vec::Vec<::std::vec::Vec<rt::IndexMap<::std::string::String, ::std::string::String>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>,
        /// `ok`.
        pub ok: ::std::option::Option<Ok>,
        /// `Err`.
        ///
        /// An XML attribute.
        pub err: ::std::option::Option<::std::string::String>,
    }
    impl rt::__private::serde::Serialize for Some {
        fn serialize<S: rt::__private::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
            let mut m = rt::wire::struct_ser::begin(s, "Some", 2, &[self.r#match.is_some(), self.ok.is_some(), self.err.is_some()])?;
            rt::wire::struct_ser::field(&mut m, "type", &self.r#type)?;
            rt::wire::struct_ser::optional(&mut m, "match", &self.r#match)?;
            rt::wire::struct_ser::field(&mut m, "async", &self.r#async)?;
            rt::wire::struct_ser::optional(&mut m, "ok", &self.ok)?;
            rt::wire::struct_ser::optional(&mut m, "Err", &self.err)?;
            rt::__private::serde::ser::SerializeStruct::end(m)
        }
    }
    impl<'de> rt::__private::serde::Deserialize<'de> for Some {
        fn deserialize<D: rt::__private::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
            rt::wire::struct_de::deserialize(d)
        }
    }
    impl rt::wire::struct_de::StructDe for Some {
        const NAME: &'static str = "Some";
        const KEYS: &'static [&'static str] = &["type", "match", "async", "ok", "Err"];
        type Slots = (::std::option::Option<::std::string::String>, ::std::option::Option<::std::option::Option<i64>>, ::std::option::Option<::std::vec::Vec<::std::vec::Vec<::std::vec::Vec<::std::vec::Vec<::std::vec::Vec<::std::vec::Vec<::std::vec::Vec<::std::vec::Vec<::std::vec::Vec<::std::vec::Vec<::std::vec::Vec<::std::vec::Vec<::std::vec::Vec<::std::vec::Vec<::std::vec::Vec<::std::vec::Vec<::std::vec::Vec<::std::vec::Vec<::std::vec::Vec<::std::vec::Vec<::std::vec::Vec<::std::vec::Vec<::std::vec::Vec<::std::vec::Vec<::std::vec::Vec<::std::vec::Vec<::std::vec::Vec<::std::vec::Vec<::std::vec::Vec<::std::vec::Vec<::std::vec::Vec<rt::IndexMap<::std::string::String, ::std::string::String>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>, ::std::option::Option<::std::option::Option<Ok>>, ::std::option::Option<::std::option::Option<::std::string::String>>,);
        fn set<'de, A: rt::__private::serde::de::MapAccess<'de>>(s: &mut Self::Slots, key: usize, m: &mut A) -> ::std::result::Result<(), A::Error> {
            match key {
                0 => rt::wire::struct_de::value(&mut s.0, m),
                1 => rt::wire::struct_de::value(&mut s.1, m),
                2 => rt::wire::struct_de::value(&mut s.2, m),
                3 => rt::wire::struct_de::value(&mut s.3, m),
                4 => rt::wire::struct_de::value(&mut s.4, m),
                _ => ::std::result::Result::Ok(()),
            }
        }
        fn build<E: rt::__private::serde::de::Error>(s: Self::Slots) -> ::std::result::Result<Self, E> {
            ::std::result::Result::Ok(Some {
                r#type: rt::wire::struct_de::required(s.0, "type")?,
                r#match: s.1.flatten(),
                r#async: rt::wire::struct_de::required(s.2, "async")?,
                ok: s.3.flatten(),
                err: s.4.flatten(),
            })
        }
    }
    impl rt::wire::Wire for Some {
        fn kind() -> rt::wire::Kind {
            static SHAPE: rt::wire::Shape = rt::wire::Shape {
                name: "Some",
                fields: &[
                    rt::wire::Field::element("type", <::std::string::String as rt::wire::Wire>::kind),
                    rt::wire::Field::element("match", <i64 as rt::wire::Wire>::kind).optional(),
                    rt::wire::Field::element("async", <::std::vec::Vec<::std::vec::Vec<::std::vec::Vec<::std::vec::Vec<::std::vec::Vec<::std::vec::Vec<::std::vec::Vec<::std::vec::Vec<::std::vec::Vec<::std::vec::Vec<::std::vec::Vec<::std::vec::Vec<::std::vec::Vec<::std::vec::Vec<::std::vec::Vec<::std::vec::Vec<::std::vec::Vec<::std::vec::Vec<::std::vec::Vec<::std::vec::Vec<::std::vec::Vec<::std::vec::Vec<::std::vec::Vec<::std::vec::Vec<::std::vec::Vec<::std::vec::Vec<::std::vec::Vec<::std::vec::Vec<::std::vec::Vec<::std::vec::Vec<::std::vec::Vec<rt::IndexMap<::std::string::String, ::std::string::String>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>> as rt::wire::Wire>::kind),
                    rt::wire::Field::element("ok", <Ok as rt::wire::Wire>::kind).optional(),
                    rt::wire::Field::attribute("Err", <::std::string::String as rt::wire::Wire>::kind).optional()
                ],
                plain_json: true,
            };
            rt::wire::Kind::Struct(|| &SHAPE)
        }
    }
    /// `Ok`
    ///
    /// Unknown values are kept in `Other`, so nothing the server sends is lost.
    #[derive(Clone, Debug, PartialEq, Eq, Hash)]
    #[allow(clippy::enum_variant_names)]
    pub enum Ok {
        /// Wire value `None`.
        None,
        /// Wire value `Some`.
        Some,
        /// Wire value `Ok`.
        Ok,
        /// Wire value `Err`.
        Err,
        /// Wire value `Box`.
        Box,
        /// A value this description does not list.
        Other(::std::string::String),
    }
    impl Ok {
        /// The wire value.
        pub fn as_str(&self) -> &str {
            match self {
                Self::None => "None",
                Self::Some => "Some",
                Self::Ok => "Ok",
                Self::Err => "Err",
                Self::Box => "Box",
                Self::Other(s) => s,
            }
        }
    }
    impl ::std::convert::From<::std::string::String> for Ok {
        fn from(s: ::std::string::String) -> Self {
            match s.as_str() {
                "None" => Self::None,
                "Some" => Self::Some,
                "Ok" => Self::Ok,
                "Err" => Self::Err,
                "Box" => Self::Box,
                _ => Self::Other(s),
            }
        }
    }
    impl ::std::fmt::Display for Ok {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            f.write_str(self.as_str())
        }
    }
    impl rt::__private::serde::Serialize for Ok {
        fn serialize<S: rt::__private::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
            s.serialize_str(self.as_str())
        }
    }
    impl<'de> rt::__private::serde::Deserialize<'de> for Ok {
        fn deserialize<D: rt::__private::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
            <::std::string::String as rt::__private::serde::Deserialize>::deserialize(d).map(Self::from)
        }
    }
    impl ::std::str::FromStr for Ok {
        type Err = ::std::convert::Infallible;
        fn from_str(s: &str) -> ::std::result::Result<Self, <Self as ::std::str::FromStr>::Err> {
            ::std::result::Result::Ok(Self::from(::std::string::String::from(s)))
        }
    }
    impl rt::wire::Wire for Ok {
        fn kind() -> rt::wire::Kind {
            rt::wire::Kind::Text
        }
    }
    /// `Error`
    #[derive(Clone, Debug, PartialEq)]
    pub struct Error {
        /// `future`.
        pub future: Future,
        /// `session`.
        pub session: ::std::option::Option<Session>,
        /// `default`.
        ///
        /// Written `1` or `0`.
        pub default: bool,
        /// `into`.
        ///
        /// Written as one comma-separated string.
        pub into: ::std::vec::Vec<Ok>,
    }
    impl rt::__private::serde::Serialize for Error {
        fn serialize<S: rt::__private::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
            let mut m = rt::wire::struct_ser::begin(s, "Error", 3, &[self.session.is_some()])?;
            rt::wire::struct_ser::field(&mut m, "future", &self.future)?;
            rt::wire::struct_ser::optional(&mut m, "session", &self.session)?;
            rt::wire::struct_ser::field_with::<rt::wire::formats::Flag, _, _>(&mut m, "default", &self.default)?;
            rt::wire::struct_ser::field_with::<rt::wire::formats::Csv, _, _>(&mut m, "into", &self.into)?;
            rt::__private::serde::ser::SerializeStruct::end(m)
        }
    }
    impl<'de> rt::__private::serde::Deserialize<'de> for Error {
        fn deserialize<D: rt::__private::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
            rt::wire::struct_de::deserialize(d)
        }
    }
    impl rt::wire::struct_de::StructDe for Error {
        const NAME: &'static str = "Error";
        const KEYS: &'static [&'static str] = &["future", "session", "default", "into"];
        type Slots = (::std::option::Option<Future>, ::std::option::Option<::std::option::Option<Session>>, ::std::option::Option<bool>, ::std::option::Option<::std::vec::Vec<Ok>>,);
        fn set<'de, A: rt::__private::serde::de::MapAccess<'de>>(s: &mut Self::Slots, key: usize, m: &mut A) -> ::std::result::Result<(), A::Error> {
            match key {
                0 => rt::wire::struct_de::value(&mut s.0, m),
                1 => rt::wire::struct_de::value(&mut s.1, m),
                2 => rt::wire::struct_de::value_with::<rt::wire::formats::Flag, _, _>(&mut s.2, m),
                3 => rt::wire::struct_de::value_with::<rt::wire::formats::Csv, _, _>(&mut s.3, m),
                _ => ::std::result::Result::Ok(()),
            }
        }
        fn build<E: rt::__private::serde::de::Error>(s: Self::Slots) -> ::std::result::Result<Self, E> {
            ::std::result::Result::Ok(Error {
                future: rt::wire::struct_de::required(s.0, "future")?,
                session: s.1.flatten(),
                default: rt::wire::struct_de::required(s.2, "default")?,
                into: rt::wire::struct_de::required(s.3, "into")?,
            })
        }
    }
    impl rt::wire::Wire for Error {
        fn kind() -> rt::wire::Kind {
            static SHAPE: rt::wire::Shape = rt::wire::Shape {
                name: "Error",
                fields: &[
                    rt::wire::Field::element("future", <Future as rt::wire::Wire>::kind),
                    rt::wire::Field::element("session", <Session as rt::wire::Wire>::kind).optional(),
                    rt::wire::Field::element("default", <bool as rt::wire::Wire>::kind),
                    rt::wire::Field::element("into", <::std::string::String as rt::wire::Wire>::kind)
                ],
                plain_json: false,
            };
            rt::wire::Kind::Struct(|| &SHAPE)
        }
    }
    /// `Future`
    ///
    /// A numeric code on the wire; unknown codes are kept in `Other`.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub enum Future {
        /// Code `0`.
        Pending,
        /// Code `1`.
        Ready,
        /// A code this description does not list.
        Other(i64),
    }
    impl Future {
        /// The wire code.
        pub fn code(&self) -> i64 {
            match self {
                Self::Pending => 0i64,
                Self::Ready => 1i64,
                Self::Other(n) => *n,
            }
        }
    }
    impl ::std::convert::From<i64> for Future {
        fn from(n: i64) -> Self {
            match n {
                0i64 => Self::Pending,
                1i64 => Self::Ready,
                _ => Self::Other(n),
            }
        }
    }
    impl ::std::fmt::Display for Future {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match self {
                Self::Pending => f.write_str("Pending"),
                Self::Ready => f.write_str("Ready"),
                Self::Other(n) => ::std::write!(f, "{n}"),
            }
        }
    }
    impl ::std::str::FromStr for Future {
        type Err = ::std::num::ParseIntError;
        fn from_str(s: &str) -> ::std::result::Result<Self, <Self as ::std::str::FromStr>::Err> {
            s.trim().parse::<i64>().map(Self::from)
        }
    }
    impl rt::__private::serde::Serialize for Future {
        fn serialize<S: rt::__private::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
            s.serialize_i64(self.code())
        }
    }
    impl<'de> rt::__private::serde::Deserialize<'de> for Future {
        fn deserialize<D: rt::__private::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
            rt::wire::formats::code::deserialize(d).map(Self::from)
        }
    }
    impl rt::wire::Wire for Future {
        fn kind() -> rt::wire::Kind {
            rt::wire::Kind::Int
        }
    }
    /// `Session`
    #[derive(Clone, Debug, PartialEq)]
    pub struct Session {
        /// `send`.
        ///
        /// One `<Error>` element per item.
        pub send: ::std::option::Option<::std::vec::Vec<Error>>,
        /// `sync`.
        ///
        /// The XML element's text.
        pub sync: ::std::string::String,
    }
    impl rt::__private::serde::Serialize for Session {
        fn serialize<S: rt::__private::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
            let mut m = rt::wire::struct_ser::begin(s, "Session", 1, &[self.send.is_some()])?;
            rt::wire::struct_ser::optional(&mut m, "send", &self.send)?;
            rt::wire::struct_ser::field(&mut m, "sync", &self.sync)?;
            rt::__private::serde::ser::SerializeStruct::end(m)
        }
    }
    impl<'de> rt::__private::serde::Deserialize<'de> for Session {
        fn deserialize<D: rt::__private::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
            rt::wire::struct_de::deserialize(d)
        }
    }
    impl rt::wire::struct_de::StructDe for Session {
        const NAME: &'static str = "Session";
        const KEYS: &'static [&'static str] = &["send", "sync"];
        type Slots = (::std::option::Option<::std::option::Option<::std::vec::Vec<Error>>>, ::std::option::Option<::std::string::String>,);
        fn set<'de, A: rt::__private::serde::de::MapAccess<'de>>(s: &mut Self::Slots, key: usize, m: &mut A) -> ::std::result::Result<(), A::Error> {
            match key {
                0 => rt::wire::struct_de::value(&mut s.0, m),
                1 => rt::wire::struct_de::value(&mut s.1, m),
                _ => ::std::result::Result::Ok(()),
            }
        }
        fn build<E: rt::__private::serde::de::Error>(s: Self::Slots) -> ::std::result::Result<Self, E> {
            ::std::result::Result::Ok(Session {
                send: s.0.flatten(),
                sync: rt::wire::struct_de::required(s.1, "sync")?,
            })
        }
    }
    impl rt::wire::Wire for Session {
        fn kind() -> rt::wire::Kind {
            static SHAPE: rt::wire::Shape = rt::wire::Shape {
                name: "Session",
                fields: &[
                    rt::wire::Field::element("send", <::std::vec::Vec<Error> as rt::wire::Wire>::kind).optional().item("Error"),
                    rt::wire::Field::text("sync", <::std::string::String as rt::wire::Wire>::kind)
                ],
                plain_json: false,
            };
            rt::wire::Kind::Struct(|| &SHAPE)
        }
    }
    /// `Default`
    #[derive(Clone, Debug, PartialEq)]
    pub struct Default {}
    impl rt::__private::serde::Serialize for Default {
        fn serialize<S: rt::__private::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
            let m = rt::wire::struct_ser::begin(s, "Default", 0, &[])?;
            rt::__private::serde::ser::SerializeStruct::end(m)
        }
    }
    impl<'de> rt::__private::serde::Deserialize<'de> for Default {
        fn deserialize<D: rt::__private::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
            rt::wire::struct_de::deserialize(d)
        }
    }
    impl rt::wire::struct_de::StructDe for Default {
        const NAME: &'static str = "Default";
        const KEYS: &'static [&'static str] = &[];
        type Slots = ();
        fn set<'de, A: rt::__private::serde::de::MapAccess<'de>>(s: &mut Self::Slots, key: usize, m: &mut A) -> ::std::result::Result<(), A::Error> {
            let _ = (s, key, m);
            ::std::result::Result::Ok(())
        }
        fn build<E: rt::__private::serde::de::Error>(_s: Self::Slots) -> ::std::result::Result<Self, E> {
            ::std::result::Result::Ok(Default {})
        }
    }
    impl rt::wire::Wire for Default {
        fn kind() -> rt::wire::Kind {
            static SHAPE: rt::wire::Shape = rt::wire::Shape {
                name: "Default",
                fields: &[],
                plain_json: true,
            };
            rt::wire::Kind::Struct(|| &SHAPE)
        }
    }
}
/// Setters for the `nasty` API's hosts on a [`SessionBuilder`](::imagen_runtime::SessionBuilder): `use` it to call them.
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
/// Where the `nasty` API's credentials and host URLs come from: `NASTY_API_KEY`, `NASTY_API_SECRET` and each host's variable (see `Client::session_from_env`).
pub static ENVIRONMENT: ::imagen_runtime::Environment = ::imagen_runtime::Environment {
    key_var: "NASTY_API_KEY",
    secret_var: "NASTY_API_SECRET",
    hosts: &[
        ::imagen_runtime::HostSpec {
            key: "main",
            env: ::std::option::Option::None,
            default_url: ::std::option::Option::None
        }
    ],
    file: ::std::option::Option::None,
};
/// Every endpoint of the `nasty` API, in the description's order.
pub static ENDPOINTS: &[&::imagen_runtime::endpoint::Endpoint] = &[&futures::endpoints::MATCH, &futures::endpoints::ERROR, &futures::endpoints::DEFAULT, &session_types::endpoints::SEND];
/// A client for the `nasty` API.
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
    pub fn futures(&self) -> futures::Futures<'_, S, A> {
        futures::Futures {
            client: self
        }
    }
    pub fn session_types(&self) -> session_types::SessionTypes<'_, S, A> {
        session_types::SessionTypes {
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
/// The `futures` resource.
///
/// Reached through `Client::futures()`.
pub mod futures {
    #![allow(clippy::type_complexity)]
    use ::imagen_runtime as rt;
    /// The `futures` resource's endpoints, borrowed from a [`Client`](super::Client).
    pub struct Futures<'c, S, A> {
        pub(super) client: &'c super::Client<S, A>,
    }
    impl<'c, S: rt::scope::ScopeSet, A> Futures<'c, S, A> {
        /// `futures.match`
        ///
        /// `GET /match/{type}/{async}` on host `main`.
        ///
        /// - Authentication: application or user context.
        /// - Scopes: `Send`.
        /// - `type`, in the path
        /// - `async`, in the path
        /// - `some` (`Some`), in the query
        /// - Answers: XML (`Response/Some`) or JSON (`Some`).
        pub fn r#match(&self, r#type: super::types::Ok, r#async: bool, some: &str) -> Match
        where
            S: super::scopes::Grants<super::scopes::Send, Match>,
        {
            Match(self.client.session.request(&endpoints::MATCH, &[&r#type, &u8::from(r#async)]).query("Some", some))
        }
        /// `futures.Error`
        ///
        /// `PUT /error` on host `main`.
        ///
        /// - Authentication: user context (OAuth 2.0 access token).
        /// - Scopes: `Sync`.
        /// - Answers: XML (`Response/Errors/Error`).
        /// - Not idempotent: never sent again once it may have reached the server; an unknown outcome is `Error::OutcomeUnknown`. Check first.
        pub fn error(&self, body: &super::types::Error) -> Error
        where
            S: super::scopes::Grants<super::scopes::Sync, Error>,
            A: rt::scope::ActsForUser<Error>,
        {
            Error(self.client.session.request(&endpoints::ERROR, &[]).xml_document(body, "Error"))
        }
        /// `futures.default`
        ///
        /// `POST /default` on host `main`.
        ///
        /// - Authentication: none.
        /// - Scopes: none.
        /// - Not idempotent: never sent again once it may have reached the server; an unknown outcome is `Error::OutcomeUnknown`.
        pub fn default(&self, body: &super::types::Default) -> Default {
            Default(self.client.session.request(&endpoints::DEFAULT, &[]).json(body))
        }
    }
    /// A `futures.match` request, made by `match` of [`Futures`]: set optional parameters, then `.send().await`.
    #[must_use = "a request does nothing until it is sent: call `.send().await`"]
    pub struct Match(rt::Request<super::types::Some>);
    impl Match {
        /// Sets `Into`.
        #[inline]
        pub fn into_header(self, value: &str) -> Self {
            Self(self.0.header("Into", value))
        }
        /// Sets `self`.
        #[inline]
        pub fn self_value(self, value: i64) -> Self {
            Self(self.0.query("self", value))
        }
        /// Sends the request and decodes the answer: `.send().await`.
        #[inline]
        pub fn send(self) -> rt::Pending<super::types::Some> {
            self.0.send()
        }
    }
    /// A `futures.Error` request, made by [`Futures::error`]: set optional parameters, then `.send().await`.
    #[must_use = "a request does nothing until it is sent: call `.send().await`"]
    pub struct Error(rt::Request<::std::vec::Vec<super::types::Error>>);
    impl Error {
        /// Sends the request and decodes the answer: `.send().await`.
        #[inline]
        pub fn send(self) -> rt::Pending<::std::vec::Vec<super::types::Error>> {
            self.0.send()
        }
    }
    /// A `futures.default` request, made by [`Futures::default`]: set optional parameters, then `.send().await`.
    #[must_use = "a request does nothing until it is sent: call `.send().await`"]
    pub struct Default(rt::Request<super::types::Future>);
    impl Default {
        /// Sends the request and decodes the answer: `.send().await`.
        #[inline]
        pub fn send(self) -> rt::Pending<super::types::Future> {
            self.0.send()
        }
    }
    /// What the runtime sends for each endpoint of `futures`: one [`Endpoint`](rt::endpoint::Endpoint) per endpoint, as data.
    pub mod endpoints {
        use super::rt::endpoint::{Auth, Endpoint, Method};
        use super::rt::wire::Format;
        /// `futures.match`: `GET /match/{type}/{async}`.
        pub static MATCH: Endpoint = Endpoint {
            name: "futures.match",
            method: Method::Get,
            host: "main",
            path: "/match/{type}/{async}",
            auth: Auth::Any,
            scopes: &["Send"],
            envelope: Some("Some"),
            xml: Some("Response/Some"),
            formats: &[Format::Xml, Format::Json],
            ..Endpoint::BASE
        };
        /// `futures.Error`: `PUT /error`.
        pub static ERROR: Endpoint = Endpoint {
            name: "futures.Error",
            method: Method::Put,
            host: "main",
            path: "/error",
            auth: Auth::User,
            scopes: &["Sync"],
            xml: Some("Response/Errors/Error"),
            formats: &[Format::Xml],
            idempotent: false,
            outcome_hint: Some("Check first."),
            ..Endpoint::BASE
        };
        /// `futures.default`: `POST /default`.
        pub static DEFAULT: Endpoint = Endpoint {
            name: "futures.default",
            method: Method::Post,
            host: "main",
            path: "/default",
            auth: Auth::None,
            idempotent: false,
            ..Endpoint::BASE
        };
    }
}
/// The `session_types` resource.
///
/// Reached through `Client::session_types()`.
pub mod session_types {
    #![allow(clippy::type_complexity)]
    use ::imagen_runtime as rt;
    /// The `session_types` resource's endpoints, borrowed from a [`Client`](super::Client).
    pub struct SessionTypes<'c, S, A> {
        pub(super) client: &'c super::Client<S, A>,
    }
    impl<'c, S: rt::scope::ScopeSet, A> SessionTypes<'c, S, A> {
        /// `session_types.send`
        ///
        /// `DELETE /send/{Session}` on host `main`.
        ///
        /// - Authentication: application context (signed with the API key and secret).
        /// - Scopes: none.
        /// - `session_id` (`Session`), in the path
        pub fn send(&self, session_id: &str) -> Send
        where
            A: rt::scope::ActsForApplication<Send>,
        {
            Send(self.client.session.request(&endpoints::SEND, &[&session_id]))
        }
    }
    /// A `session_types.send` request, made by [`SessionTypes::send`]: set optional parameters, then `.send().await`.
    #[must_use = "a request does nothing until it is sent: call `.send().await`"]
    pub struct Send(rt::Request<rt::__private::serde_json::Value>);
    impl Send {
        /// Sends the request and decodes the answer: `.send().await`.
        #[inline]
        pub fn send(self) -> rt::Pending<rt::__private::serde_json::Value> {
            self.0.send()
        }
    }
    /// What the runtime sends for each endpoint of `session_types`: one [`Endpoint`](rt::endpoint::Endpoint) per endpoint, as data.
    pub mod endpoints {
        use super::rt::endpoint::{Auth, Endpoint, Method};
        /// `session_types.send`: `DELETE /send/{Session}`.
        pub static SEND: Endpoint = Endpoint {
            name: "session_types.send",
            method: Method::Delete,
            host: "main",
            path: "/send/{Session}",
            auth: Auth::Application,
            ..Endpoint::BASE
        };
    }
}
