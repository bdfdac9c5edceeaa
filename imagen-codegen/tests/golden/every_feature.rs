/// Scope marker types, one per scope of the description, and the default scope set.
///
/// Declare the scope set your application holds with the `scopes!` macro.
pub mod scopes {
    /// Scope `readItems`: Read items.
    ///
    /// Granted to new applications by default.
    pub enum ReadItems {}
    impl ::imagen_runtime::scope::Scope for ReadItems {
        const NAME: &'static str = "readItems";
    }
    /// Scope `writeItems`: Write items.
    ///
    /// Granted to new applications by default.
    ///
    /// Implies `readItems`.
    pub enum WriteItems {}
    impl ::imagen_runtime::scope::Scope for WriteItems {
        const NAME: &'static str = "writeItems";
    }
    /// Scope `admin`: Everything, through implications of implications.
    ///
    /// Implies `writeItems`, `audit`.
    pub enum Admin {}
    impl ::imagen_runtime::scope::Scope for Admin {
        const NAME: &'static str = "admin";
    }
    /// Scope `audit`: Read the audit log.
    pub enum Audit {}
    impl ::imagen_runtime::scope::Scope for Audit {
        const NAME: &'static str = "audit";
    }
    /// Scope `legacy_scope`
    pub enum OldScope {}
    impl ::imagen_runtime::scope::Scope for OldScope {
        const NAME: &'static str = "legacy_scope";
    }
    /// Scope `undocumented`
    pub enum Undocumented {}
    impl ::imagen_runtime::scope::Scope for Undocumented {
        const NAME: &'static str = "undocumented";
    }
    /// The scope set of an application that declared none: the description's defaults (`readItems`, `writeItems`).
    #[derive(Debug, Clone, Copy)]
    pub enum DefaultScopes {}
    impl ::imagen_runtime::scope::ScopeSet for DefaultScopes {
        const NAMES: &'static [&'static str] = &["readItems", "writeItems"];
    }
    /// Holding this scope set lets the application use scope `R`, which
    /// the endpoint `E` needs (declared, or implied by a declared scope).
    /// Implemented by `DefaultScopes` and by the sets `scopes!` declares;
    /// its message says what to do when a call needs a scope the set lacks.
    #[diagnostic::on_unimplemented(message = "endpoint `{E}` needs the `{R}` scope, which scope set `{Self}` does not grant", label = "`{E}` needs scope `{R}`", note = "ask the API's administrator to grant `{R}` to the application, then add it to the declaration: `scopes!(pub MyApp = …, {R});` and use `Client<MyApp, _>`")]
    pub trait Grants<R: ::imagen_runtime::scope::Scope, E> {}
    impl<E> Grants<ReadItems, E> for DefaultScopes {}
    impl<E> Grants<WriteItems, E> for DefaultScopes {}
    /// For each scope that implies others, the scopes holding it lets
    /// the application use (wire names); `Client::verify_scopes` uses it.
    pub const IMPLIED: &[(&str, &[&str])] = &[("writeItems", &["readItems"]), ("admin", &["readItems", "writeItems", "audit"])];
}
/// Declares the scope set an application holds, as a type for `Client<S, _>`:
/// `scopes!(pub MyApp = ReadItems, WriteItems);`
///
/// Scopes of this description: `ReadItems`, `WriteItems`, `Admin`, `Audit`, `OldScope`, `Undocumented`. Declare only scopes the application has been granted.
macro_rules! __imagen_scopes {
    ($vis:vis $name:ident = $($scope:ident), * $(,)?) => {
        ::imagen_runtime::__private::declare_scopes! {
            runtime = [::imagen_runtime],
            module = [crate::scopes],
            table = ["readItems" ReadItems[ReadItems]; "writeItems" WriteItems[ReadItems WriteItems]; "admin" Admin[ReadItems WriteItems Admin Audit]; "audit" Audit[Audit]; "legacy_scope" OldScope[OldScope]; "undocumented" Undocumented[Undocumented];],
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
    /// One field of every scalar type.
    #[derive(Clone, Debug, PartialEq)]
    pub struct Scalars {
        /// A string.
        ///
        /// Wire name `text`.
        pub text: ::std::string::String,
        /// `flag`.
        pub flag: bool,
        /// `small`.
        pub small: i32,
        /// `big`.
        pub big: i64,
        /// `byte`.
        pub byte: u8,
        /// `count`.
        pub count: u32,
        /// `huge`.
        pub huge: u64,
        /// `ratio`.
        pub ratio: f64,
        /// Never printed.
        ///
        /// Wire name `password`.
        pub password: rt::ApiSecret,
        /// `anything`.
        pub anything: rt::__private::serde_json::Value,
    }
    impl rt::__private::serde::Serialize for Scalars {
        fn serialize<S: rt::__private::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
            let mut m = rt::wire::struct_ser::begin(s, "Scalars", 10, &[])?;
            rt::wire::struct_ser::field(&mut m, "text", &self.text)?;
            rt::wire::struct_ser::field(&mut m, "flag", &self.flag)?;
            rt::wire::struct_ser::field(&mut m, "small", &self.small)?;
            rt::wire::struct_ser::field(&mut m, "big", &self.big)?;
            rt::wire::struct_ser::field(&mut m, "byte", &self.byte)?;
            rt::wire::struct_ser::field(&mut m, "count", &self.count)?;
            rt::wire::struct_ser::field(&mut m, "huge", &self.huge)?;
            rt::wire::struct_ser::field(&mut m, "ratio", &self.ratio)?;
            rt::wire::struct_ser::field(&mut m, "password", &self.password)?;
            rt::wire::struct_ser::field(&mut m, "anything", &self.anything)?;
            rt::__private::serde::ser::SerializeStruct::end(m)
        }
    }
    impl<'de> rt::__private::serde::Deserialize<'de> for Scalars {
        fn deserialize<D: rt::__private::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
            rt::wire::struct_de::deserialize(d)
        }
    }
    impl rt::wire::struct_de::StructDe for Scalars {
        const NAME: &'static str = "Scalars";
        const KEYS: &'static [&'static str] = &["text", "flag", "small", "big", "byte", "count", "huge", "ratio", "password", "anything"];
        type Slots = (::std::option::Option<::std::string::String>, ::std::option::Option<bool>, ::std::option::Option<i32>, ::std::option::Option<i64>, ::std::option::Option<u8>, ::std::option::Option<u32>, ::std::option::Option<u64>, ::std::option::Option<f64>, ::std::option::Option<rt::ApiSecret>, ::std::option::Option<rt::__private::serde_json::Value>,);
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
                9 => rt::wire::struct_de::value(&mut s.9, m),
                _ => ::std::result::Result::Ok(()),
            }
        }
        fn build<E: rt::__private::serde::de::Error>(s: Self::Slots) -> ::std::result::Result<Self, E> {
            ::std::result::Result::Ok(Scalars {
                text: rt::wire::struct_de::required(s.0, "text")?,
                flag: rt::wire::struct_de::required(s.1, "flag")?,
                small: rt::wire::struct_de::required(s.2, "small")?,
                big: rt::wire::struct_de::required(s.3, "big")?,
                byte: rt::wire::struct_de::required(s.4, "byte")?,
                count: rt::wire::struct_de::required(s.5, "count")?,
                huge: rt::wire::struct_de::required(s.6, "huge")?,
                ratio: rt::wire::struct_de::required(s.7, "ratio")?,
                password: rt::wire::struct_de::required(s.8, "password")?,
                anything: rt::wire::struct_de::required(s.9, "anything")?,
            })
        }
    }
    impl rt::wire::Wire for Scalars {
        fn kind() -> rt::wire::Kind {
            static SHAPE: rt::wire::Shape = rt::wire::Shape {
                name: "Scalars",
                fields: &[
                    rt::wire::Field::element("text", <::std::string::String as rt::wire::Wire>::kind),
                    rt::wire::Field::element("flag", <bool as rt::wire::Wire>::kind),
                    rt::wire::Field::element("small", <i32 as rt::wire::Wire>::kind),
                    rt::wire::Field::element("big", <i64 as rt::wire::Wire>::kind),
                    rt::wire::Field::element("byte", <u8 as rt::wire::Wire>::kind),
                    rt::wire::Field::element("count", <u32 as rt::wire::Wire>::kind),
                    rt::wire::Field::element("huge", <u64 as rt::wire::Wire>::kind),
                    rt::wire::Field::element("ratio", <f64 as rt::wire::Wire>::kind),
                    rt::wire::Field::element("password", <rt::ApiSecret as rt::wire::Wire>::kind),
                    rt::wire::Field::element("anything", <rt::__private::serde_json::Value as rt::wire::Wire>::kind)
                ],
                plain_json: true,
            };
            rt::wire::Kind::Struct(|| &SHAPE)
        }
    }
    /// Lists and maps, nested.
    #[derive(Clone, Debug, PartialEq)]
    pub struct Nesting {
        /// `tags`.
        pub tags: ::std::vec::Vec<::std::string::String>,
        /// `matrix`.
        pub matrix: ::std::vec::Vec<::std::vec::Vec<i64>>,
        /// `by_name`.
        pub by_name: rt::IndexMap<::std::string::String, Scalars>,
        /// `groups`.
        pub groups: rt::IndexMap<::std::string::String, ::std::vec::Vec<Item>>,
        /// `deep`.
        pub deep: ::std::vec::Vec<rt::IndexMap<::std::string::String, ::std::vec::Vec<rt::__private::serde_json::Value>>>,
        /// `states`.
        pub states: ::std::vec::Vec<State>,
    }
    impl rt::__private::serde::Serialize for Nesting {
        fn serialize<S: rt::__private::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
            let mut m = rt::wire::struct_ser::begin(s, "Nesting", 6, &[])?;
            rt::wire::struct_ser::field(&mut m, "tags", &self.tags)?;
            rt::wire::struct_ser::field(&mut m, "matrix", &self.matrix)?;
            rt::wire::struct_ser::field(&mut m, "by_name", &self.by_name)?;
            rt::wire::struct_ser::field(&mut m, "groups", &self.groups)?;
            rt::wire::struct_ser::field(&mut m, "deep", &self.deep)?;
            rt::wire::struct_ser::field(&mut m, "states", &self.states)?;
            rt::__private::serde::ser::SerializeStruct::end(m)
        }
    }
    impl<'de> rt::__private::serde::Deserialize<'de> for Nesting {
        fn deserialize<D: rt::__private::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
            rt::wire::struct_de::deserialize(d)
        }
    }
    impl rt::wire::struct_de::StructDe for Nesting {
        const NAME: &'static str = "Nesting";
        const KEYS: &'static [&'static str] = &["tags", "matrix", "by_name", "groups", "deep", "states"];
        type Slots = (::std::option::Option<::std::vec::Vec<::std::string::String>>, ::std::option::Option<::std::vec::Vec<::std::vec::Vec<i64>>>, ::std::option::Option<rt::IndexMap<::std::string::String, Scalars>>, ::std::option::Option<rt::IndexMap<::std::string::String, ::std::vec::Vec<Item>>>, ::std::option::Option<::std::vec::Vec<rt::IndexMap<::std::string::String, ::std::vec::Vec<rt::__private::serde_json::Value>>>>, ::std::option::Option<::std::vec::Vec<State>>,);
        fn set<'de, A: rt::__private::serde::de::MapAccess<'de>>(s: &mut Self::Slots, key: usize, m: &mut A) -> ::std::result::Result<(), A::Error> {
            match key {
                0 => rt::wire::struct_de::value(&mut s.0, m),
                1 => rt::wire::struct_de::value(&mut s.1, m),
                2 => rt::wire::struct_de::value(&mut s.2, m),
                3 => rt::wire::struct_de::value(&mut s.3, m),
                4 => rt::wire::struct_de::value(&mut s.4, m),
                5 => rt::wire::struct_de::value(&mut s.5, m),
                _ => ::std::result::Result::Ok(()),
            }
        }
        fn build<E: rt::__private::serde::de::Error>(s: Self::Slots) -> ::std::result::Result<Self, E> {
            ::std::result::Result::Ok(Nesting {
                tags: rt::wire::struct_de::required(s.0, "tags")?,
                matrix: rt::wire::struct_de::required(s.1, "matrix")?,
                by_name: rt::wire::struct_de::required(s.2, "by_name")?,
                groups: rt::wire::struct_de::required(s.3, "groups")?,
                deep: rt::wire::struct_de::required(s.4, "deep")?,
                states: rt::wire::struct_de::required(s.5, "states")?,
            })
        }
    }
    impl rt::wire::Wire for Nesting {
        fn kind() -> rt::wire::Kind {
            static SHAPE: rt::wire::Shape = rt::wire::Shape {
                name: "Nesting",
                fields: &[
                    rt::wire::Field::element("tags", <::std::vec::Vec<::std::string::String> as rt::wire::Wire>::kind),
                    rt::wire::Field::element("matrix", <::std::vec::Vec<::std::vec::Vec<i64>> as rt::wire::Wire>::kind),
                    rt::wire::Field::element("by_name", <rt::IndexMap<::std::string::String, Scalars> as rt::wire::Wire>::kind),
                    rt::wire::Field::element("groups", <rt::IndexMap<::std::string::String, ::std::vec::Vec<Item>> as rt::wire::Wire>::kind),
                    rt::wire::Field::element("deep", <::std::vec::Vec<rt::IndexMap<::std::string::String, ::std::vec::Vec<rt::__private::serde_json::Value>>> as rt::wire::Wire>::kind),
                    rt::wire::Field::element("states", <::std::vec::Vec<State> as rt::wire::Wire>::kind)
                ],
                plain_json: true,
            };
            rt::wire::Kind::Struct(|| &SHAPE)
        }
    }
    /// An item; optional fields and wire names.
    #[derive(Clone, Debug, PartialEq)]
    pub struct Item {
        /// `ID`.
        pub id: i64,
        /// Wire name defaults to the key.
        ///
        /// Wire name `displayName`.
        pub display_name: ::std::string::String,
        /// `State`.
        pub state: ::std::option::Option<State>,
        /// Recursive through a list.
        ///
        /// Wire name `Children`.
        pub children: ::std::option::Option<::std::vec::Vec<Item>>,
        /// `SecretNote`.
        pub secret_note: ::std::option::Option<rt::ApiSecret>,
        /// `Extra`. *Assumption: not from the API's public documentation.*
        pub extra: ::std::option::Option<rt::IndexMap<::std::string::String, rt::__private::serde_json::Value>>,
    }
    impl rt::__private::serde::Serialize for Item {
        fn serialize<S: rt::__private::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
            let mut m = rt::wire::struct_ser::begin(s, "Item", 2, &[
                self.state.is_some(),
                self.children.is_some(),
                self.secret_note.is_some(),
                self.extra.is_some()
            ])?;
            rt::wire::struct_ser::field(&mut m, "ID", &self.id)?;
            rt::wire::struct_ser::field(&mut m, "displayName", &self.display_name)?;
            rt::wire::struct_ser::optional(&mut m, "State", &self.state)?;
            rt::wire::struct_ser::optional(&mut m, "Children", &self.children)?;
            rt::wire::struct_ser::optional(&mut m, "SecretNote", &self.secret_note)?;
            rt::wire::struct_ser::optional(&mut m, "Extra", &self.extra)?;
            rt::__private::serde::ser::SerializeStruct::end(m)
        }
    }
    impl<'de> rt::__private::serde::Deserialize<'de> for Item {
        fn deserialize<D: rt::__private::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
            rt::wire::struct_de::deserialize(d)
        }
    }
    impl rt::wire::struct_de::StructDe for Item {
        const NAME: &'static str = "Item";
        const KEYS: &'static [&'static str] = &["ID", "displayName", "State", "Children", "SecretNote", "Extra"];
        type Slots = (::std::option::Option<i64>, ::std::option::Option<::std::string::String>, ::std::option::Option<::std::option::Option<State>>, ::std::option::Option<::std::option::Option<::std::vec::Vec<Item>>>, ::std::option::Option<::std::option::Option<rt::ApiSecret>>, ::std::option::Option<::std::option::Option<rt::IndexMap<::std::string::String, rt::__private::serde_json::Value>>>,);
        fn set<'de, A: rt::__private::serde::de::MapAccess<'de>>(s: &mut Self::Slots, key: usize, m: &mut A) -> ::std::result::Result<(), A::Error> {
            match key {
                0 => rt::wire::struct_de::value(&mut s.0, m),
                1 => rt::wire::struct_de::value(&mut s.1, m),
                2 => rt::wire::struct_de::value(&mut s.2, m),
                3 => rt::wire::struct_de::value(&mut s.3, m),
                4 => rt::wire::struct_de::value(&mut s.4, m),
                5 => rt::wire::struct_de::value(&mut s.5, m),
                _ => ::std::result::Result::Ok(()),
            }
        }
        fn build<E: rt::__private::serde::de::Error>(s: Self::Slots) -> ::std::result::Result<Self, E> {
            ::std::result::Result::Ok(Item {
                id: rt::wire::struct_de::required(s.0, "ID")?,
                display_name: rt::wire::struct_de::required(s.1, "displayName")?,
                state: s.2.flatten(),
                children: s.3.flatten(),
                secret_note: s.4.flatten(),
                extra: s.5.flatten(),
            })
        }
    }
    impl rt::wire::Wire for Item {
        fn kind() -> rt::wire::Kind {
            static SHAPE: rt::wire::Shape = rt::wire::Shape {
                name: "Item",
                fields: &[
                    rt::wire::Field::element("ID", <i64 as rt::wire::Wire>::kind),
                    rt::wire::Field::element("displayName", <::std::string::String as rt::wire::Wire>::kind),
                    rt::wire::Field::element("State", <State as rt::wire::Wire>::kind).optional(),
                    rt::wire::Field::element("Children", <::std::vec::Vec<Item> as rt::wire::Wire>::kind).optional(),
                    rt::wire::Field::element("SecretNote", <rt::ApiSecret as rt::wire::Wire>::kind).optional(),
                    rt::wire::Field::element("Extra", <rt::IndexMap<::std::string::String, rt::__private::serde_json::Value> as rt::wire::Wire>::kind).optional()
                ],
                plain_json: true,
            };
            rt::wire::Kind::Struct(|| &SHAPE)
        }
    }
    /// `NewItem`
    #[derive(Clone, Debug, PartialEq)]
    pub struct NewItem {
        /// `displayName`.
        pub display_name: ::std::string::String,
        /// `state`.
        pub state: ::std::option::Option<State>,
    }
    impl rt::__private::serde::Serialize for NewItem {
        fn serialize<S: rt::__private::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
            let mut m = rt::wire::struct_ser::begin(s, "NewItem", 1, &[self.state.is_some()])?;
            rt::wire::struct_ser::field(&mut m, "displayName", &self.display_name)?;
            rt::wire::struct_ser::optional(&mut m, "state", &self.state)?;
            rt::__private::serde::ser::SerializeStruct::end(m)
        }
    }
    impl<'de> rt::__private::serde::Deserialize<'de> for NewItem {
        fn deserialize<D: rt::__private::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
            rt::wire::struct_de::deserialize(d)
        }
    }
    impl rt::wire::struct_de::StructDe for NewItem {
        const NAME: &'static str = "NewItem";
        const KEYS: &'static [&'static str] = &["displayName", "state"];
        type Slots = (::std::option::Option<::std::string::String>, ::std::option::Option<::std::option::Option<State>>,);
        fn set<'de, A: rt::__private::serde::de::MapAccess<'de>>(s: &mut Self::Slots, key: usize, m: &mut A) -> ::std::result::Result<(), A::Error> {
            match key {
                0 => rt::wire::struct_de::value(&mut s.0, m),
                1 => rt::wire::struct_de::value(&mut s.1, m),
                _ => ::std::result::Result::Ok(()),
            }
        }
        fn build<E: rt::__private::serde::de::Error>(s: Self::Slots) -> ::std::result::Result<Self, E> {
            ::std::result::Result::Ok(NewItem {
                display_name: rt::wire::struct_de::required(s.0, "displayName")?,
                state: s.1.flatten(),
            })
        }
    }
    impl rt::wire::Wire for NewItem {
        fn kind() -> rt::wire::Kind {
            static SHAPE: rt::wire::Shape = rt::wire::Shape {
                name: "NewItem",
                fields: &[
                    rt::wire::Field::element("displayName", <::std::string::String as rt::wire::Wire>::kind),
                    rt::wire::Field::element("state", <State as rt::wire::Wire>::kind).optional()
                ],
                plain_json: true,
            };
            rt::wire::Kind::Struct(|| &SHAPE)
        }
    }
    /// The state of an item.
    ///
    /// Unknown values are kept in `Other`, so nothing the server sends is lost.
    #[derive(Clone, Debug, PartialEq, Eq, Hash)]
    #[allow(clippy::enum_variant_names)]
    pub enum State {
        /// Wire value `draft`.
        Draft,
        /// Wire value `in-review`.
        InReview,
        /// Wire value `Published`.
        Published,
        /// Wire value `ARCHIVED`.
        Archived,
        /// A value this description does not list.
        Other(::std::string::String),
    }
    impl State {
        /// The wire value.
        pub fn as_str(&self) -> &str {
            match self {
                Self::Draft => "draft",
                Self::InReview => "in-review",
                Self::Published => "Published",
                Self::Archived => "ARCHIVED",
                Self::Other(s) => s,
            }
        }
    }
    impl ::std::convert::From<::std::string::String> for State {
        fn from(s: ::std::string::String) -> Self {
            match s.as_str() {
                "draft" => Self::Draft,
                "in-review" => Self::InReview,
                "Published" => Self::Published,
                "ARCHIVED" => Self::Archived,
                _ => Self::Other(s),
            }
        }
    }
    impl ::std::fmt::Display for State {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            f.write_str(self.as_str())
        }
    }
    impl rt::__private::serde::Serialize for State {
        fn serialize<S: rt::__private::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
            s.serialize_str(self.as_str())
        }
    }
    impl<'de> rt::__private::serde::Deserialize<'de> for State {
        fn deserialize<D: rt::__private::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
            <::std::string::String as rt::__private::serde::Deserialize>::deserialize(d).map(Self::from)
        }
    }
    impl ::std::str::FromStr for State {
        type Err = ::std::convert::Infallible;
        fn from_str(s: &str) -> ::std::result::Result<Self, <Self as ::std::str::FromStr>::Err> {
            ::std::result::Result::Ok(Self::from(::std::string::String::from(s)))
        }
    }
    impl rt::wire::Wire for State {
        fn kind() -> rt::wire::Kind {
            rt::wire::Kind::Text
        }
    }
    /// A type the vendor does not document.
    ///
    /// *Assumption: not from the API's public documentation.*
    ///
    /// Unknown values are kept in `Other`, so nothing the server sends is lost.
    #[derive(Clone, Debug, PartialEq, Eq, Hash)]
    #[allow(clippy::enum_variant_names)]
    pub enum Hidden {
        /// Wire value `A`.
        A,
        /// Wire value `B`.
        B,
        /// A value this description does not list.
        Other(::std::string::String),
    }
    impl Hidden {
        /// The wire value.
        pub fn as_str(&self) -> &str {
            match self {
                Self::A => "A",
                Self::B => "B",
                Self::Other(s) => s,
            }
        }
    }
    impl ::std::convert::From<::std::string::String> for Hidden {
        fn from(s: ::std::string::String) -> Self {
            match s.as_str() {
                "A" => Self::A,
                "B" => Self::B,
                _ => Self::Other(s),
            }
        }
    }
    impl ::std::fmt::Display for Hidden {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            f.write_str(self.as_str())
        }
    }
    impl rt::__private::serde::Serialize for Hidden {
        fn serialize<S: rt::__private::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
            s.serialize_str(self.as_str())
        }
    }
    impl<'de> rt::__private::serde::Deserialize<'de> for Hidden {
        fn deserialize<D: rt::__private::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
            <::std::string::String as rt::__private::serde::Deserialize>::deserialize(d).map(Self::from)
        }
    }
    impl ::std::str::FromStr for Hidden {
        type Err = ::std::convert::Infallible;
        fn from_str(s: &str) -> ::std::result::Result<Self, <Self as ::std::str::FromStr>::Err> {
            ::std::result::Result::Ok(Self::from(::std::string::String::from(s)))
        }
    }
    impl rt::wire::Wire for Hidden {
        fn kind() -> rt::wire::Kind {
            rt::wire::Kind::Text
        }
    }
    /// A struct without fields.
    #[derive(Clone, Debug, PartialEq)]
    pub struct Empty {}
    impl rt::__private::serde::Serialize for Empty {
        fn serialize<S: rt::__private::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
            let m = rt::wire::struct_ser::begin(s, "Empty", 0, &[])?;
            rt::__private::serde::ser::SerializeStruct::end(m)
        }
    }
    impl<'de> rt::__private::serde::Deserialize<'de> for Empty {
        fn deserialize<D: rt::__private::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
            rt::wire::struct_de::deserialize(d)
        }
    }
    impl rt::wire::struct_de::StructDe for Empty {
        const NAME: &'static str = "Empty";
        const KEYS: &'static [&'static str] = &[];
        type Slots = ();
        fn set<'de, A: rt::__private::serde::de::MapAccess<'de>>(s: &mut Self::Slots, key: usize, m: &mut A) -> ::std::result::Result<(), A::Error> {
            let _ = (s, key, m);
            ::std::result::Result::Ok(())
        }
        fn build<E: rt::__private::serde::de::Error>(_s: Self::Slots) -> ::std::result::Result<Self, E> {
            ::std::result::Result::Ok(Empty {})
        }
    }
    impl rt::wire::Wire for Empty {
        fn kind() -> rt::wire::Kind {
            static SHAPE: rt::wire::Shape = rt::wire::Shape {
                name: "Empty",
                fields: &[],
                plain_json: true,
            };
            rt::wire::Kind::Struct(|| &SHAPE)
        }
    }
    /// XML placements: attributes, text, wrapped and repeated lists, JSON keys, conventions.
    #[derive(Clone, Debug, PartialEq)]
    pub struct Document {
        /// `ID`.
        ///
        /// An XML attribute.
        pub id: i64,
        /// `Active`.
        ///
        /// An XML attribute. Written `1` or `0`.
        pub active: ::std::option::Option<bool>,
        /// `label`.
        ///
        /// The XML element's text.
        pub label: ::std::option::Option<::std::string::String>,
        /// `<Tags><Tag/>…</Tags>`.
        ///
        /// Wire name `Tags`. One `<Tag>` element per item.
        pub tags: ::std::vec::Vec<::std::string::String>,
        /// Repeated elements.
        ///
        /// Wire name `Part`.
        pub parts: ::std::option::Option<::std::vec::Vec<Part>>,
        /// `Kinds`.
        ///
        /// Written as one comma-separated string.
        pub kinds: ::std::option::Option<::std::vec::Vec<State>>,
        /// `Sizes`.
        ///
        /// Written as one comma-separated string.
        pub sizes: ::std::vec::Vec<u32>,
        /// `Enabled`.
        ///
        /// Written `1` or `0`.
        pub enabled: bool,
        /// `Result`.
        ///
        /// JSON key: `result`.
        pub result: ::std::option::Option<::std::string::String>,
        /// `Phase`.
        ///
        /// An XML attribute.
        pub phase: ::std::option::Option<Phase>,
    }
    impl rt::__private::serde::Serialize for Document {
        fn serialize<S: rt::__private::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
            let mut m = rt::wire::struct_ser::begin(s, "Document", 4, &[
                self.active.is_some(),
                self.label.is_some(),
                self.parts.is_some(),
                self.kinds.is_some(),
                self.result.is_some(),
                self.phase.is_some()
            ])?;
            rt::wire::struct_ser::field(&mut m, "ID", &self.id)?;
            rt::wire::struct_ser::optional_with::<rt::wire::formats::FlagOption, _, _>(&mut m, "Active", &self.active)?;
            rt::wire::struct_ser::optional(&mut m, "label", &self.label)?;
            rt::wire::struct_ser::field(&mut m, "Tags", &self.tags)?;
            rt::wire::struct_ser::optional(&mut m, "Part", &self.parts)?;
            rt::wire::struct_ser::optional_with::<rt::wire::formats::CsvOption, _, _>(&mut m, "Kinds", &self.kinds)?;
            rt::wire::struct_ser::field_with::<rt::wire::formats::Csv, _, _>(&mut m, "Sizes", &self.sizes)?;
            rt::wire::struct_ser::field_with::<rt::wire::formats::Flag, _, _>(&mut m, "Enabled", &self.enabled)?;
            rt::wire::struct_ser::optional(&mut m, "Result", &self.result)?;
            rt::wire::struct_ser::optional(&mut m, "Phase", &self.phase)?;
            rt::__private::serde::ser::SerializeStruct::end(m)
        }
    }
    impl<'de> rt::__private::serde::Deserialize<'de> for Document {
        fn deserialize<D: rt::__private::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
            rt::wire::struct_de::deserialize(d)
        }
    }
    impl rt::wire::struct_de::StructDe for Document {
        const NAME: &'static str = "Document";
        const KEYS: &'static [&'static str] = &["ID", "Active", "label", "Tags", "Part", "Kinds", "Sizes", "Enabled", "Result", "Phase"];
        type Slots = (::std::option::Option<i64>, ::std::option::Option<::std::option::Option<bool>>, ::std::option::Option<::std::option::Option<::std::string::String>>, ::std::option::Option<::std::vec::Vec<::std::string::String>>, ::std::option::Option<::std::option::Option<::std::vec::Vec<Part>>>, ::std::option::Option<::std::option::Option<::std::vec::Vec<State>>>, ::std::option::Option<::std::vec::Vec<u32>>, ::std::option::Option<bool>, ::std::option::Option<::std::option::Option<::std::string::String>>, ::std::option::Option<::std::option::Option<Phase>>,);
        fn set<'de, A: rt::__private::serde::de::MapAccess<'de>>(s: &mut Self::Slots, key: usize, m: &mut A) -> ::std::result::Result<(), A::Error> {
            match key {
                0 => rt::wire::struct_de::value(&mut s.0, m),
                1 => rt::wire::struct_de::value_with::<rt::wire::formats::FlagOption, _, _>(&mut s.1, m),
                2 => rt::wire::struct_de::value(&mut s.2, m),
                3 => rt::wire::struct_de::value(&mut s.3, m),
                4 => rt::wire::struct_de::value(&mut s.4, m),
                5 => rt::wire::struct_de::value_with::<rt::wire::formats::CsvOption, _, _>(&mut s.5, m),
                6 => rt::wire::struct_de::value_with::<rt::wire::formats::Csv, _, _>(&mut s.6, m),
                7 => rt::wire::struct_de::value_with::<rt::wire::formats::Flag, _, _>(&mut s.7, m),
                8 => rt::wire::struct_de::value(&mut s.8, m),
                9 => rt::wire::struct_de::value(&mut s.9, m),
                _ => ::std::result::Result::Ok(()),
            }
        }
        fn build<E: rt::__private::serde::de::Error>(s: Self::Slots) -> ::std::result::Result<Self, E> {
            ::std::result::Result::Ok(Document {
                id: rt::wire::struct_de::required(s.0, "ID")?,
                active: s.1.flatten(),
                label: s.2.flatten(),
                tags: rt::wire::struct_de::required(s.3, "Tags")?,
                parts: s.4.flatten(),
                kinds: s.5.flatten(),
                sizes: rt::wire::struct_de::required(s.6, "Sizes")?,
                enabled: rt::wire::struct_de::required(s.7, "Enabled")?,
                result: s.8.flatten(),
                phase: s.9.flatten(),
            })
        }
    }
    impl rt::wire::Wire for Document {
        fn kind() -> rt::wire::Kind {
            static SHAPE: rt::wire::Shape = rt::wire::Shape {
                name: "Document",
                fields: &[
                    rt::wire::Field::attribute("ID", <i64 as rt::wire::Wire>::kind),
                    rt::wire::Field::attribute("Active", <bool as rt::wire::Wire>::kind).optional(),
                    rt::wire::Field::text("label", <::std::string::String as rt::wire::Wire>::kind).optional(),
                    rt::wire::Field::element("Tags", <::std::vec::Vec<::std::string::String> as rt::wire::Wire>::kind).item("Tag"),
                    rt::wire::Field::element("Part", <::std::vec::Vec<Part> as rt::wire::Wire>::kind).optional(),
                    rt::wire::Field::element("Kinds", <::std::string::String as rt::wire::Wire>::kind).optional(),
                    rt::wire::Field::element("Sizes", <::std::string::String as rt::wire::Wire>::kind),
                    rt::wire::Field::element("Enabled", <bool as rt::wire::Wire>::kind),
                    rt::wire::Field::element("Result", <::std::string::String as rt::wire::Wire>::kind).optional().json("result"),
                    rt::wire::Field::attribute("Phase", <Phase as rt::wire::Wire>::kind).optional()
                ],
                plain_json: false,
            };
            rt::wire::Kind::Struct(|| &SHAPE)
        }
    }
    /// `Part`
    #[derive(Clone, Debug, PartialEq)]
    pub struct Part {
        /// `N`.
        ///
        /// An XML attribute.
        pub n: u32,
        /// `body`.
        ///
        /// The XML element's text.
        pub body: ::std::string::String,
    }
    impl rt::__private::serde::Serialize for Part {
        fn serialize<S: rt::__private::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
            let mut m = rt::wire::struct_ser::begin(s, "Part", 2, &[])?;
            rt::wire::struct_ser::field(&mut m, "N", &self.n)?;
            rt::wire::struct_ser::field(&mut m, "body", &self.body)?;
            rt::__private::serde::ser::SerializeStruct::end(m)
        }
    }
    impl<'de> rt::__private::serde::Deserialize<'de> for Part {
        fn deserialize<D: rt::__private::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
            rt::wire::struct_de::deserialize(d)
        }
    }
    impl rt::wire::struct_de::StructDe for Part {
        const NAME: &'static str = "Part";
        const KEYS: &'static [&'static str] = &["N", "body"];
        type Slots = (::std::option::Option<u32>, ::std::option::Option<::std::string::String>,);
        fn set<'de, A: rt::__private::serde::de::MapAccess<'de>>(s: &mut Self::Slots, key: usize, m: &mut A) -> ::std::result::Result<(), A::Error> {
            match key {
                0 => rt::wire::struct_de::value(&mut s.0, m),
                1 => rt::wire::struct_de::value(&mut s.1, m),
                _ => ::std::result::Result::Ok(()),
            }
        }
        fn build<E: rt::__private::serde::de::Error>(s: Self::Slots) -> ::std::result::Result<Self, E> {
            ::std::result::Result::Ok(Part {
                n: rt::wire::struct_de::required(s.0, "N")?,
                body: rt::wire::struct_de::required(s.1, "body")?,
            })
        }
    }
    impl rt::wire::Wire for Part {
        fn kind() -> rt::wire::Kind {
            static SHAPE: rt::wire::Shape = rt::wire::Shape {
                name: "Part",
                fields: &[
                    rt::wire::Field::attribute("N", <u32 as rt::wire::Wire>::kind),
                    rt::wire::Field::text("body", <::std::string::String as rt::wire::Wire>::kind)
                ],
                plain_json: true,
            };
            rt::wire::Kind::Struct(|| &SHAPE)
        }
    }
    /// A numeric enum.
    ///
    /// A numeric code on the wire; unknown codes are kept in `Other`.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub enum Phase {
        /// Code `0`.
        Waiting,
        /// Code `1`.
        Running,
        /// Code `2`.
        Done,
        /// Code `-1`.
        Failed,
        /// A code this description does not list.
        Other(i64),
    }
    impl Phase {
        /// The wire code.
        pub fn code(&self) -> i64 {
            match self {
                Self::Waiting => 0i64,
                Self::Running => 1i64,
                Self::Done => 2i64,
                Self::Failed => -1i64,
                Self::Other(n) => *n,
            }
        }
    }
    impl ::std::convert::From<i64> for Phase {
        fn from(n: i64) -> Self {
            match n {
                0i64 => Self::Waiting,
                1i64 => Self::Running,
                2i64 => Self::Done,
                -1i64 => Self::Failed,
                _ => Self::Other(n),
            }
        }
    }
    impl ::std::fmt::Display for Phase {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match self {
                Self::Waiting => f.write_str("Waiting"),
                Self::Running => f.write_str("Running"),
                Self::Done => f.write_str("Done"),
                Self::Failed => f.write_str("Failed"),
                Self::Other(n) => ::std::write!(f, "{n}"),
            }
        }
    }
    impl ::std::str::FromStr for Phase {
        type Err = ::std::num::ParseIntError;
        fn from_str(s: &str) -> ::std::result::Result<Self, <Self as ::std::str::FromStr>::Err> {
            s.trim().parse::<i64>().map(Self::from)
        }
    }
    impl rt::__private::serde::Serialize for Phase {
        fn serialize<S: rt::__private::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
            s.serialize_i64(self.code())
        }
    }
    impl<'de> rt::__private::serde::Deserialize<'de> for Phase {
        fn deserialize<D: rt::__private::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
            rt::wire::formats::code::deserialize(d).map(Self::from)
        }
    }
    impl rt::wire::Wire for Phase {
        fn kind() -> rt::wire::Kind {
            rt::wire::Kind::Int
        }
    }
    /// A page named by a token (cursor paging), with optional fields.
    #[derive(Clone, Debug, PartialEq)]
    pub struct EventPage {
        /// `events`.
        pub events: ::std::option::Option<::std::vec::Vec<::std::string::String>>,
        /// `nextToken`.
        pub next_token: ::std::option::Option<::std::string::String>,
        /// `count`.
        pub count: ::std::option::Option<u32>,
    }
    impl rt::__private::serde::Serialize for EventPage {
        fn serialize<S: rt::__private::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
            let mut m = rt::wire::struct_ser::begin(s, "EventPage", 0, &[self.events.is_some(), self.next_token.is_some(), self.count.is_some()])?;
            rt::wire::struct_ser::optional(&mut m, "events", &self.events)?;
            rt::wire::struct_ser::optional(&mut m, "nextToken", &self.next_token)?;
            rt::wire::struct_ser::optional(&mut m, "count", &self.count)?;
            rt::__private::serde::ser::SerializeStruct::end(m)
        }
    }
    impl<'de> rt::__private::serde::Deserialize<'de> for EventPage {
        fn deserialize<D: rt::__private::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
            rt::wire::struct_de::deserialize(d)
        }
    }
    impl rt::wire::struct_de::StructDe for EventPage {
        const NAME: &'static str = "EventPage";
        const KEYS: &'static [&'static str] = &["events", "nextToken", "count"];
        type Slots = (::std::option::Option<::std::option::Option<::std::vec::Vec<::std::string::String>>>, ::std::option::Option<::std::option::Option<::std::string::String>>, ::std::option::Option<::std::option::Option<u32>>,);
        fn set<'de, A: rt::__private::serde::de::MapAccess<'de>>(s: &mut Self::Slots, key: usize, m: &mut A) -> ::std::result::Result<(), A::Error> {
            match key {
                0 => rt::wire::struct_de::value(&mut s.0, m),
                1 => rt::wire::struct_de::value(&mut s.1, m),
                2 => rt::wire::struct_de::value(&mut s.2, m),
                _ => ::std::result::Result::Ok(()),
            }
        }
        fn build<E: rt::__private::serde::de::Error>(s: Self::Slots) -> ::std::result::Result<Self, E> {
            ::std::result::Result::Ok(EventPage {
                events: s.0.flatten(),
                next_token: s.1.flatten(),
                count: s.2.flatten(),
            })
        }
    }
    impl rt::wire::Wire for EventPage {
        fn kind() -> rt::wire::Kind {
            static SHAPE: rt::wire::Shape = rt::wire::Shape {
                name: "EventPage",
                fields: &[
                    rt::wire::Field::element("events", <::std::vec::Vec<::std::string::String> as rt::wire::Wire>::kind).optional(),
                    rt::wire::Field::element("nextToken", <::std::string::String as rt::wire::Wire>::kind).optional(),
                    rt::wire::Field::element("count", <u32 as rt::wire::Wire>::kind).optional()
                ],
                plain_json: true,
            };
            rt::wire::Kind::Struct(|| &SHAPE)
        }
    }
}
/// OAuth 2.0 endpoints of the description (paths on the host named by `HOST`).
pub mod oauth_endpoints {
    /// The host key the OAuth endpoints live on.
    pub const HOST: &str = "auth";
    /// Path of the authorization page.
    pub const AUTHORIZE: &str = "/oauth/authorize";
    /// Path of the token endpoint.
    pub const TOKEN: &str = "/oauth/token";
    /// Path of the revocation endpoint, if any.
    pub const REVOKE: ::std::option::Option<&str> = ::std::option::Option::Some("/oauth/revoke");
    /// All of it, for `OAuthConfig::for_session` (see `Client::oauth_config`).
    pub static ENDPOINTS: ::imagen_runtime::oauth::OAuthEndpoints = ::imagen_runtime::oauth::OAuthEndpoints {
        host: HOST,
        authorize: AUTHORIZE,
        token: TOKEN,
        revoke: REVOKE,
        client_auth: ::imagen_runtime::oauth::ClientAuth::Basic,
        pkce: true,
        oob_title: ::std::option::Option::None,
    };
}
/// Setters for the `every_feature` API's hosts on a [`SessionBuilder`](::imagen_runtime::SessionBuilder): `use` it to call them.
pub trait HostUrls: ::std::marker::Sized {
    /// The base URL of host `api`: The REST host.
    ///
    /// The same as `host("api", url)`.
    fn api_url(self, url: impl ::std::convert::Into<::std::string::String>) -> Self;
    /// The base URL of host `auth`: The host of the OAuth pages.
    ///
    /// The same as `host("auth", url)`.
    fn auth_url(self, url: impl ::std::convert::Into<::std::string::String>) -> Self;
    /// The base URL of host `bare`
    ///
    /// The same as `host("bare", url)`.
    fn bare_url(self, url: impl ::std::convert::Into<::std::string::String>) -> Self;
}
impl HostUrls for ::imagen_runtime::SessionBuilder {
    fn api_url(self, url: impl ::std::convert::Into<::std::string::String>) -> Self {
        self.host("api", url)
    }
    fn auth_url(self, url: impl ::std::convert::Into<::std::string::String>) -> Self {
        self.host("auth", url)
    }
    fn bare_url(self, url: impl ::std::convert::Into<::std::string::String>) -> Self {
        self.host("bare", url)
    }
}
/// Where the `every_feature` API's credentials and host URLs come from: `EVERY_FEATURE_API_KEY`, `EVERY_FEATURE_API_SECRET` and each host's variable (see `Client::session_from_env`).
pub static ENVIRONMENT: ::imagen_runtime::Environment = ::imagen_runtime::Environment {
    key_var: "EVERY_FEATURE_API_KEY",
    secret_var: "EVERY_FEATURE_API_SECRET",
    hosts: &[
        ::imagen_runtime::HostSpec {
            key: "api",
            env: ::std::option::Option::Some("EVERY_API_URL"),
            default_url: ::std::option::Option::None
        },
        ::imagen_runtime::HostSpec {
            key: "auth",
            env: ::std::option::Option::Some("EVERY_AUTH_URL"),
            default_url: ::std::option::Option::None
        },
        ::imagen_runtime::HostSpec {
            key: "bare",
            env: ::std::option::Option::None,
            default_url: ::std::option::Option::None
        }
    ],
    file: ::std::option::Option::None,
};
/// Every endpoint of the `every_feature` API, in the description's order.
pub static ENDPOINTS: &[&::imagen_runtime::endpoint::Endpoint] = &[
    &items::endpoints::LIST,
    &items::endpoints::SEARCH,
    &items::endpoints::GET,
    &items::endpoints::CREATE,
    &items::endpoints::REPLACE,
    &items::endpoints::PATCH,
    &items::endpoints::REMOVE,
    &documents::endpoints::PUT,
    &documents::endpoints::PARTS,
    &documents::endpoints::PHASE,
    &status::endpoints::PING,
    &status::endpoints::SCALARS,
    &status::endpoints::EVENTS
];
/// A client for the `every_feature` API.
///
/// A description that uses every feature of the format.
///
/// `S` is the application's scope set (declare it with `scopes!`), `A` the authentication kind: `AppContext` (signed with the API key and secret) or `UserContext` (acting for a user with an OAuth 2.0 token). Calling an endpoint the scope set or the authentication kind doesn't allow does not compile.
///
/// Hosts:
/// - `api` (`EVERY_API_URL`): The REST host.
/// - `auth` (`EVERY_AUTH_URL`): The host of the OAuth pages.
/// - `bare`
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
    /// The OAuth 2.0 configuration of the application a session
    /// holds, with this description's OAuth endpoints (paths, client
    /// authentication, PKCE) on its OAuth host.
    pub fn oauth_config(session: &::imagen_runtime::Session, kind: ::imagen_runtime::oauth::AppKind, redirect_uri: &str) -> ::imagen_runtime::oauth::OAuthConfigBuilder {
        ::imagen_runtime::oauth::OAuthConfig::for_session(session, &oauth_endpoints::ENDPOINTS, kind, redirect_uri)
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
    /// Items.
    pub fn items(&self) -> items::Items<'_, S, A> {
        items::Items {
            client: self
        }
    }
    /// XML documents and answers.
    pub fn documents(&self) -> documents::Documents<'_, S, A> {
        documents::Documents {
            client: self
        }
    }
    pub fn status(&self) -> status::Status<'_, S, A> {
        status::Status {
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
/// Items.
///
/// Reached through `Client::items()`.
pub mod items {
    #![allow(clippy::type_complexity)]
    use ::imagen_runtime as rt;
    /// The `items` resource's endpoints, borrowed from a [`Client`](super::Client).
    pub struct Items<'c, S, A> {
        pub(super) client: &'c super::Client<S, A>,
    }
    impl<'c, S: rt::scope::ScopeSet, A> Items<'c, S, A> {
        /// Every scalar type as an optional query parameter.
        ///
        /// `GET /v1/items` on host `api`.
        ///
        /// - Authentication: application context (signed with the API key and secret).
        /// - Scopes: `readItems`.
        pub fn list(&self) -> List
        where
            S: super::scopes::Grants<super::scopes::ReadItems, List>,
            A: rt::scope::ActsForApplication<List>,
        {
            List(self.client.session.request(&endpoints::LIST, &[]))
        }
        /// Every scalar type as a required query parameter, and an envelope.
        ///
        /// `GET /v1/items/search` on host `api`.
        ///
        /// - Authentication: user context (OAuth 2.0 access token).
        /// - Scopes: `readItems`.
        /// - `q`, in the query: Required string.
        /// - `flag`, in the query
        /// - `small`, in the query
        /// - `big`, in the query
        /// - `byte`, in the query
        /// - `count`, in the query
        /// - `huge`, in the query
        /// - `ratio`, in the query
        /// - `state`, in the query
        #[allow(clippy::too_many_arguments)]
        pub fn search(&self, q: &str, flag: bool, small: i32, big: i64, byte: u8, count: u32, huge: u64, ratio: f64, state: super::types::State) -> Search
        where
            S: super::scopes::Grants<super::scopes::ReadItems, Search>,
            A: rt::scope::ActsForUser<Search>,
        {
            Search(self.client.session.request(&endpoints::SEARCH, &[]).query("q", q).query("flag", flag).query("small", small).query("big", big).query("byte", byte).query("count", count).query("huge", huge).query("ratio", ratio).query("state", state))
        }
        /// Path parameters are passed in template order, whatever the declaration order.
        ///
        /// `GET /v1/items/{itemId}/versions/{version}/{state}` on host `api`.
        ///
        /// - Authentication: application or user context.
        /// - Scopes: `readItems`.
        /// - `item_id` (`itemId`), in the path: The item.
        /// - `version`, in the path
        /// - `state`, in the path: Declared first, third in the path.
        pub fn get(&self, item_id: i64, version: u32, state: super::types::State) -> Get
        where
            S: super::scopes::Grants<super::scopes::ReadItems, Get>,
        {
            Get(self.client.session.request(&endpoints::GET, &[&item_id, &version, &state]))
        }
        /// `items.create`
        ///
        /// `POST /v1/items` on host `api`.
        ///
        /// - Authentication: user context (OAuth 2.0 access token).
        /// - Scopes: `writeItems`.
        /// - `body`: The new item.
        /// - Not idempotent: never sent again once it may have reached the server; an unknown outcome is `Error::OutcomeUnknown`.
        pub fn create(&self, body: &super::types::NewItem) -> Create
        where
            S: super::scopes::Grants<super::scopes::WriteItems, Create>,
            A: rt::scope::ActsForUser<Create>,
        {
            Create(self.client.session.request(&endpoints::CREATE, &[]).json(body))
        }
        /// `items.replace`
        ///
        /// `PUT /v1/items/{itemId}` on host `api`.
        ///
        /// - Authentication: user context (OAuth 2.0 access token).
        /// - Scopes: `writeItems`, `audit`.
        /// - `item_id` (`itemId`), in the path
        pub fn replace(&self, item_id: i64, body: &::std::vec::Vec<super::types::NewItem>) -> Replace
        where
            S: super::scopes::Grants<super::scopes::WriteItems, Replace>,
            S: super::scopes::Grants<super::scopes::Audit, Replace>,
            A: rt::scope::ActsForUser<Replace>,
        {
            Replace(self.client.session.request(&endpoints::REPLACE, &[&item_id]).json(body))
        }
        /// A lower-case method, an XML body, an undocumented endpoint.
        ///
        /// `PATCH /v1/items/{itemId}` on host `api`.
        ///
        /// - Authentication: application context (signed with the API key and secret).
        /// - Scopes: `admin`.
        /// - `item_id` (`itemId`), in the path
        /// - `body`: An XML patch document.
        /// - Not idempotent: never sent again once it may have reached the server; an unknown outcome is `Error::OutcomeUnknown`.
        ///
        /// *Assumption: not from the API's public documentation.*
        pub fn patch(&self, item_id: &str, body: impl ::std::convert::Into<::std::string::String>) -> Patch
        where
            S: super::scopes::Grants<super::scopes::Admin, Patch>,
            A: rt::scope::ActsForApplication<Patch>,
        {
            Patch(self.client.session.request(&endpoints::PATCH, &[&item_id]).xml(body))
        }
        /// Renamed with `rust:`.
        ///
        /// `DELETE /v1/items/{itemId}` on host `api`.
        ///
        /// - Authentication: user context (OAuth 2.0 access token).
        /// - Scopes: `writeItems`.
        /// - `item_id` (`itemId`), in the path
        pub fn remove(&self, item_id: i64) -> Remove
        where
            S: super::scopes::Grants<super::scopes::WriteItems, Remove>,
            A: rt::scope::ActsForUser<Remove>,
        {
            Remove(self.client.session.request(&endpoints::REMOVE, &[&item_id]))
        }
    }
    /// A `items.list` request, made by [`Items::list`]: set optional parameters, then `.send().await`.
    #[must_use = "a request does nothing until it is sent: call `.send().await`"]
    pub struct List(rt::Request<::std::vec::Vec<super::types::Item>>);
    impl List {
        /// Sets `text`: Optional string.
        #[inline]
        pub fn text(self, value: &str) -> Self {
            Self(self.0.query("text", value))
        }
        /// Sets `flag`.
        #[inline]
        pub fn flag(self, value: bool) -> Self {
            Self(self.0.query("flag", value))
        }
        /// Sets `small`.
        #[inline]
        pub fn small(self, value: i32) -> Self {
            Self(self.0.query("small", value))
        }
        /// Sets `big`.
        #[inline]
        pub fn big(self, value: i64) -> Self {
            Self(self.0.query("big", value))
        }
        /// Sets `byte`.
        #[inline]
        pub fn byte(self, value: u8) -> Self {
            Self(self.0.query("byte", value))
        }
        /// Sets `count`.
        #[inline]
        pub fn count(self, value: u32) -> Self {
            Self(self.0.query("count", value))
        }
        /// Sets `huge`.
        #[inline]
        pub fn huge(self, value: u64) -> Self {
            Self(self.0.query("huge", value))
        }
        /// Sets `ratio`.
        #[inline]
        pub fn ratio(self, value: f64) -> Self {
            Self(self.0.query("ratio", value))
        }
        /// Sets `state`: An enum.
        #[inline]
        pub fn state(self, value: super::types::State) -> Self {
            Self(self.0.query("state", value))
        }
        /// Sends the request and decodes the answer: `.send().await`.
        #[inline]
        pub fn send(self) -> rt::Pending<::std::vec::Vec<super::types::Item>> {
            self.0.send()
        }
    }
    /// A `items.search` request, made by [`Items::search`]: set optional parameters, then `.send().await`.
    #[must_use = "a request does nothing until it is sent: call `.send().await`"]
    pub struct Search(rt::Request<super::types::Nesting>);
    impl Search {
        /// Sets `page`.
        #[inline]
        pub fn page(self, value: u32) -> Self {
            Self(self.0.query("page", value))
        }
        /// Sends the request and decodes the answer: `.send().await`.
        #[inline]
        pub fn send(self) -> rt::Pending<super::types::Nesting> {
            self.0.send()
        }
    }
    /// A `items.get` request, made by [`Items::get`]: set optional parameters, then `.send().await`.
    #[must_use = "a request does nothing until it is sent: call `.send().await`"]
    pub struct Get(rt::Request<super::types::Item>);
    impl Get {
        /// Sends the request and decodes the answer: `.send().await`.
        #[inline]
        pub fn send(self) -> rt::Pending<super::types::Item> {
            self.0.send()
        }
    }
    /// A `items.create` request, made by [`Items::create`]: set optional parameters, then `.send().await`.
    #[must_use = "a request does nothing until it is sent: call `.send().await`"]
    pub struct Create(rt::Request<super::types::Item>);
    impl Create {
        /// Sends the request and decodes the answer: `.send().await`.
        #[inline]
        pub fn send(self) -> rt::Pending<super::types::Item> {
            self.0.send()
        }
    }
    /// A `items.replace` request, made by [`Items::replace`]: set optional parameters, then `.send().await`.
    #[must_use = "a request does nothing until it is sent: call `.send().await`"]
    pub struct Replace(rt::Request<rt::__private::serde_json::Value>);
    impl Replace {
        /// Sets `dryRun`.
        #[inline]
        pub fn dry_run(self, value: bool) -> Self {
            Self(self.0.query("dryRun", value))
        }
        /// Sends the request and decodes the answer: `.send().await`.
        #[inline]
        pub fn send(self) -> rt::Pending<rt::__private::serde_json::Value> {
            self.0.send()
        }
    }
    /// A `items.patch` request, made by [`Items::patch`]: set optional parameters, then `.send().await`.
    #[must_use = "a request does nothing until it is sent: call `.send().await`"]
    pub struct Patch(rt::Request<super::types::Empty>);
    impl Patch {
        /// Sends the request and decodes the answer: `.send().await`.
        #[inline]
        pub fn send(self) -> rt::Pending<super::types::Empty> {
            self.0.send()
        }
    }
    /// A `items.delete` request, made by [`Items::remove`]: set optional parameters, then `.send().await`.
    #[must_use = "a request does nothing until it is sent: call `.send().await`"]
    pub struct Remove(rt::Request<super::types::Hidden>);
    impl Remove {
        /// Sends the request and decodes the answer: `.send().await`.
        #[inline]
        pub fn send(self) -> rt::Pending<super::types::Hidden> {
            self.0.send()
        }
    }
    /// What the runtime sends for each endpoint of `items`: one [`Endpoint`](rt::endpoint::Endpoint) per endpoint, as data.
    pub mod endpoints {
        use super::rt::endpoint::{Auth, Endpoint, Method};
        /// `items.list`: `GET /v1/items`.
        pub static LIST: Endpoint = Endpoint {
            name: "items.list",
            method: Method::Get,
            host: "api",
            path: "/v1/items",
            auth: Auth::Application,
            scopes: &["readItems"],
            ..Endpoint::BASE
        };
        /// `items.search`: `GET /v1/items/search`.
        pub static SEARCH: Endpoint = Endpoint {
            name: "items.search",
            method: Method::Get,
            host: "api",
            path: "/v1/items/search",
            auth: Auth::User,
            scopes: &["readItems"],
            envelope: Some("Result"),
            ..Endpoint::BASE
        };
        /// `items.get`: `GET /v1/items/{itemId}/versions/{version}/{state}`.
        pub static GET: Endpoint = Endpoint {
            name: "items.get",
            method: Method::Get,
            host: "api",
            path: "/v1/items/{itemId}/versions/{version}/{state}",
            auth: Auth::Any,
            scopes: &["readItems"],
            envelope: Some("Item"),
            ..Endpoint::BASE
        };
        /// `items.create`: `POST /v1/items`.
        pub static CREATE: Endpoint = Endpoint {
            name: "items.create",
            method: Method::Post,
            host: "api",
            path: "/v1/items",
            auth: Auth::User,
            scopes: &["writeItems"],
            idempotent: false,
            ..Endpoint::BASE
        };
        /// `items.replace`: `PUT /v1/items/{itemId}`.
        pub static REPLACE: Endpoint = Endpoint {
            name: "items.replace",
            method: Method::Put,
            host: "api",
            path: "/v1/items/{itemId}",
            auth: Auth::User,
            scopes: &["writeItems", "audit"],
            ..Endpoint::BASE
        };
        /// `items.patch`: `PATCH /v1/items/{itemId}`.
        pub static PATCH: Endpoint = Endpoint {
            name: "items.patch",
            method: Method::Patch,
            host: "api",
            path: "/v1/items/{itemId}",
            auth: Auth::Application,
            scopes: &["admin"],
            idempotent: false,
            ..Endpoint::BASE
        };
        /// `items.delete`: `DELETE /v1/items/{itemId}`.
        pub static REMOVE: Endpoint = Endpoint {
            name: "items.delete",
            method: Method::Delete,
            host: "api",
            path: "/v1/items/{itemId}",
            auth: Auth::User,
            scopes: &["writeItems"],
            ..Endpoint::BASE
        };
    }
}
/// XML documents and answers.
///
/// Reached through `Client::documents()`.
pub mod documents {
    #![allow(clippy::type_complexity)]
    use ::imagen_runtime as rt;
    /// The `documents` resource's endpoints, borrowed from a [`Client`](super::Client).
    pub struct Documents<'c, S, A> {
        pub(super) client: &'c super::Client<S, A>,
    }
    impl<'c, S: rt::scope::ScopeSet, A> Documents<'c, S, A> {
        /// A typed XML body, header parameters, flags, both formats, not idempotent.
        ///
        /// `PUT /v1/documents/{id}/{force}` on host `api`.
        ///
        /// - Authentication: user context (OAuth 2.0 access token).
        /// - Scopes: `writeItems`.
        /// - `id`, in the path
        /// - `force`, in the path
        /// - `trace` (`X-Trace`), in the header
        /// - `body`: A typed document.
        /// - Answers: XML (`Response/Doc`) or JSON (`Doc`).
        /// - Not idempotent: never sent again once it may have reached the server; an unknown outcome is `Error::OutcomeUnknown`. Look the document up before sending it again.
        pub fn put(&self, id: i64, force: bool, trace: &str, body: &super::types::Document) -> Put
        where
            S: super::scopes::Grants<super::scopes::WriteItems, Put>,
            A: rt::scope::ActsForUser<Put>,
        {
            Put(self.client.session.request(&endpoints::PUT, &[&id, &u8::from(force)]).header("X-Trace", trace).xml_document(body, "Doc"))
        }
        /// `documents.parts`
        ///
        /// `GET /v1/documents/parts` on host `api`.
        ///
        /// - Authentication: user context (OAuth 2.0 access token).
        /// - Scopes: `readItems`.
        /// - Answers: XML (`Response/Parts/Part`).
        pub fn parts(&self) -> Parts
        where
            S: super::scopes::Grants<super::scopes::ReadItems, Parts>,
            A: rt::scope::ActsForUser<Parts>,
        {
            Parts(self.client.session.request(&endpoints::PARTS, &[]))
        }
        /// A POST declared idempotent.
        ///
        /// `POST /v1/documents/phase` on host `api`.
        ///
        /// - Authentication: user context (OAuth 2.0 access token).
        /// - Scopes: `readItems`.
        /// - Answers: JSON or XML (`Phase`).
        pub fn phase(&self) -> Phase
        where
            S: super::scopes::Grants<super::scopes::ReadItems, Phase>,
            A: rt::scope::ActsForUser<Phase>,
        {
            Phase(self.client.session.request(&endpoints::PHASE, &[]))
        }
    }
    /// A `documents.put` request, made by [`Documents::put`]: set optional parameters, then `.send().await`.
    #[must_use = "a request does nothing until it is sent: call `.send().await`"]
    pub struct Put(rt::Request<super::types::Document>);
    impl Put {
        /// Sets `X-Prefix`.
        #[inline]
        pub fn prefix(self, value: &str) -> Self {
            Self(self.0.header("X-Prefix", value))
        }
        /// Sets `quiet`.
        #[inline]
        pub fn quiet(self, value: bool) -> Self {
            Self(self.0.query("quiet", u8::from(value)))
        }
        /// Sends the request and decodes the answer: `.send().await`.
        #[inline]
        pub fn send(self) -> rt::Pending<super::types::Document> {
            self.0.send()
        }
    }
    /// A `documents.parts` request, made by [`Documents::parts`]: set optional parameters, then `.send().await`.
    #[must_use = "a request does nothing until it is sent: call `.send().await`"]
    pub struct Parts(rt::Request<::std::vec::Vec<super::types::Part>>);
    impl Parts {
        /// Sends the request and decodes the answer: `.send().await`.
        #[inline]
        pub fn send(self) -> rt::Pending<::std::vec::Vec<super::types::Part>> {
            self.0.send()
        }
    }
    /// A `documents.phase` request, made by [`Documents::phase`]: set optional parameters, then `.send().await`.
    #[must_use = "a request does nothing until it is sent: call `.send().await`"]
    pub struct Phase(rt::Request<super::types::Phase>);
    impl Phase {
        /// Sends the request and decodes the answer: `.send().await`.
        #[inline]
        pub fn send(self) -> rt::Pending<super::types::Phase> {
            self.0.send()
        }
    }
    /// What the runtime sends for each endpoint of `documents`: one [`Endpoint`](rt::endpoint::Endpoint) per endpoint, as data.
    pub mod endpoints {
        use super::rt::endpoint::{Auth, Endpoint, Method};
        use super::rt::wire::Format;
        /// `documents.put`: `PUT /v1/documents/{id}/{force}`.
        pub static PUT: Endpoint = Endpoint {
            name: "documents.put",
            method: Method::Put,
            host: "api",
            path: "/v1/documents/{id}/{force}",
            auth: Auth::User,
            scopes: &["writeItems"],
            envelope: Some("Doc"),
            xml: Some("Response/Doc"),
            formats: &[Format::Xml, Format::Json],
            idempotent: false,
            outcome_hint: Some("Look the document up before sending it again."),
            ..Endpoint::BASE
        };
        /// `documents.parts`: `GET /v1/documents/parts`.
        pub static PARTS: Endpoint = Endpoint {
            name: "documents.parts",
            method: Method::Get,
            host: "api",
            path: "/v1/documents/parts",
            auth: Auth::User,
            scopes: &["readItems"],
            xml: Some("Response/Parts/Part"),
            formats: &[Format::Xml],
            ..Endpoint::BASE
        };
        /// `documents.phase`: `POST /v1/documents/phase`.
        pub static PHASE: Endpoint = Endpoint {
            name: "documents.phase",
            method: Method::Post,
            host: "api",
            path: "/v1/documents/phase",
            auth: Auth::User,
            scopes: &["readItems"],
            xml: Some("Phase"),
            formats: &[Format::Json, Format::Xml],
            ..Endpoint::BASE
        };
    }
}
/// The `status` resource.
///
/// Reached through `Client::status()`.
pub mod status {
    #![allow(clippy::type_complexity)]
    use ::imagen_runtime as rt;
    /// The `status` resource's endpoints, borrowed from a [`Client`](super::Client).
    pub struct Status<'c, S, A> {
        pub(super) client: &'c super::Client<S, A>,
    }
    impl<'c, S: rt::scope::ScopeSet, A> Status<'c, S, A> {
        /// `status.ping`
        ///
        /// `GET /status` on host `bare`.
        ///
        /// - Authentication: none.
        /// - Scopes: none.
        pub fn ping(&self) -> Ping {
            Ping(self.client.session.request(&endpoints::PING, &[]))
        }
        /// `status.scalars`
        ///
        /// `GET /status/scalars` on host `bare`.
        ///
        /// - Authentication: application or user context.
        /// - Scopes: `legacy_scope`, `undocumented`.
        pub fn scalars(&self) -> Scalars
        where
            S: super::scopes::Grants<super::scopes::OldScope, Scalars>,
            S: super::scopes::Grants<super::scopes::Undocumented, Scalars>,
        {
            Scalars(self.client.session.request(&endpoints::SCALARS, &[]))
        }
        /// Cursor paging with optional answer fields.
        ///
        /// `GET /status/events` on host `bare`.
        ///
        /// - Authentication: none.
        /// - Scopes: none.
        pub fn events(&self) -> Events {
            Events(self.client.session.request(&endpoints::EVENTS, &[]))
        }
    }
    /// A `status.ping` request, made by [`Status::ping`]: set optional parameters, then `.send().await`.
    #[must_use = "a request does nothing until it is sent: call `.send().await`"]
    pub struct Ping(rt::Request<::std::string::String>);
    impl Ping {
        /// Sends the request and decodes the answer: `.send().await`.
        #[inline]
        pub fn send(self) -> rt::Pending<::std::string::String> {
            self.0.send()
        }
    }
    /// A `status.scalars` request, made by [`Status::scalars`]: set optional parameters, then `.send().await`.
    #[must_use = "a request does nothing until it is sent: call `.send().await`"]
    pub struct Scalars(rt::Request<rt::IndexMap<::std::string::String, super::types::Scalars>>);
    impl Scalars {
        /// Sends the request and decodes the answer: `.send().await`.
        #[inline]
        pub fn send(self) -> rt::Pending<rt::IndexMap<::std::string::String, super::types::Scalars>> {
            self.0.send()
        }
    }
    /// A `status.events` request, made by [`Status::events`]: set optional parameters, then `.send().await`.
    #[must_use = "a request does nothing until it is sent: call `.send().await`"]
    pub struct Events(rt::Request<super::types::EventPage>);
    impl Events {
        /// Sets `pageToken`.
        #[inline]
        pub fn page_token(self, value: &str) -> Self {
            Self(self.0.query("pageToken", value))
        }
        /// Sets `pageSize`.
        #[inline]
        pub fn page_size(self, value: u32) -> Self {
            Self(self.0.query("pageSize", value))
        }
        /// Every page of the answer, as a `Stream` of pages: one request per page, the pager setting `pageSize` (at most 50), `pageToken` from the answers; stops when an answer names no next page. Each page is sent like `send` (retries, errors); the first error ends the stream with it. The first item's index is 1.
        #[inline]
        pub fn pages(self) -> rt::paging::Pages<super::types::EventPage> {
            self.0.pages(|p| rt::paging::PageView {
                items: p.events.as_ref().map_or(0, ::std::vec::Vec::len),
                total: p.count.map(u64::from),
                cursor: p.next_token.as_deref()
            })
        }
        /// The items of every page (`events`), as a `Stream`: see [`pages`](Self::pages).
        #[inline]
        pub fn items(self) -> rt::paging::Items<::std::string::String> {
            rt::paging::Items::new(self.pages(), |p| p.events.unwrap_or_default())
        }
        /// Sends the request and decodes the answer: `.send().await`.
        #[inline]
        pub fn send(self) -> rt::Pending<super::types::EventPage> {
            self.0.send()
        }
    }
    /// What the runtime sends for each endpoint of `status`: one [`Endpoint`](rt::endpoint::Endpoint) per endpoint, as data.
    pub mod endpoints {
        use super::rt::endpoint::{Auth, Endpoint, Method};
        /// `status.ping`: `GET /status`.
        pub static PING: Endpoint = Endpoint {
            name: "status.ping",
            method: Method::Get,
            host: "bare",
            path: "/status",
            auth: Auth::None,
            ..Endpoint::BASE
        };
        /// `status.scalars`: `GET /status/scalars`.
        pub static SCALARS: Endpoint = Endpoint {
            name: "status.scalars",
            method: Method::Get,
            host: "bare",
            path: "/status/scalars",
            auth: Auth::Any,
            scopes: &["legacy_scope", "undocumented"],
            ..Endpoint::BASE
        };
        /// `status.events`: `GET /status/events`.
        pub static EVENTS: Endpoint = Endpoint {
            name: "status.events",
            method: Method::Get,
            host: "bare",
            path: "/status/events",
            auth: Auth::None,
            paging: Some(super::rt::paging::Paging {
                style: super::rt::paging::Style::Cursor,
                start: None,
                size: Some("pageSize"),
                max_size: Some(50u64),
                base: 1u64,
                cursor: Some("pageToken"),
                ask_total: None,
            }),
            ..Endpoint::BASE
        };
    }
}
