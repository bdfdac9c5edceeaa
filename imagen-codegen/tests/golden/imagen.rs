/// Scope marker types, one per scope of the description, and the default scope set.
///
/// Declare the scope set your application holds with the `scopes!` macro.
pub mod scopes {
    /// Scope `readUsersData`: View records, media and collections that the creating user can see.
    ///
    /// Granted to new applications by default.
    pub enum ReadUsersData {}
    impl ::imagen_runtime::scope::Scope for ReadUsersData {
        const NAME: &'static str = "readUsersData";
    }
    /// Scope `modifyUsersData`: View and modify records, media and collections that the creating user can see.
    ///
    /// Granted to new applications by default.
    ///
    /// Implies `readUsersData`.
    pub enum ModifyUsersData {}
    impl ::imagen_runtime::scope::Scope for ModifyUsersData {
        const NAME: &'static str = "modifyUsersData";
    }
    /// Scope `manageJobs`: View and manage jobs and workflows.
    pub enum ManageJobs {}
    impl ::imagen_runtime::scope::Scope for ManageJobs {
        const NAME: &'static str = "manageJobs";
    }
    /// Scope `createJobs`: Create and manage workflow jobs owned by the creating user.
    pub enum CreateJobs {}
    impl ::imagen_runtime::scope::Scope for CreateJobs {
        const NAME: &'static str = "createJobs";
    }
    /// Scope `roles`: Search for users and groups.
    pub enum Roles {}
    impl ::imagen_runtime::scope::Scope for Roles {
        const NAME: &'static str = "roles";
    }
    /// Scope `modifyRoles`: Modify users and e-mail users.
    pub enum ModifyRoles {}
    impl ::imagen_runtime::scope::Scope for ModifyRoles {
        const NAME: &'static str = "modifyRoles";
    }
    /// Scope `databases`: Access all databases (seen only in a sample response).
    pub enum Databases {}
    impl ::imagen_runtime::scope::Scope for Databases {
        const NAME: &'static str = "databases";
    }
    /// Scope `impersonateUsers`: Act as users without an OAuth access token (seen only in a sample response).
    pub enum ImpersonateUsers {}
    impl ::imagen_runtime::scope::Scope for ImpersonateUsers {
        const NAME: &'static str = "impersonateUsers";
    }
    /// Scope `files`: Manage Imagen StorageService files (seen only in a sample response).
    pub enum Files {}
    impl ::imagen_runtime::scope::Scope for Files {
        const NAME: &'static str = "files";
    }
    /// The scope set of an application that declared none: the description's defaults (`readUsersData`, `modifyUsersData`).
    #[derive(Debug, Clone, Copy)]
    pub enum DefaultScopes {}
    impl ::imagen_runtime::scope::ScopeSet for DefaultScopes {
        const NAMES: &'static [&'static str] = &["readUsersData", "modifyUsersData"];
    }
    /// Holding this scope set lets the application use scope `R`, which
    /// the endpoint `E` needs (declared, or implied by a declared scope).
    /// Implemented by `DefaultScopes` and by the sets `scopes!` declares;
    /// its message says what to do when a call needs a scope the set lacks.
    #[diagnostic::on_unimplemented(message = "endpoint `{E}` needs the `{R}` scope, which scope set `{Self}` does not grant", label = "`{E}` needs scope `{R}`", note = "ask an Imagen administrator to grant `{R}` to the application in MediaControlCentre, then add it to the declaration: `scopes!(pub MyApp = …, {R});` and use `Client<MyApp, _>`")]
    pub trait Grants<R: ::imagen_runtime::scope::Scope, E> {}
    impl<E> Grants<ReadUsersData, E> for DefaultScopes {}
    impl<E> Grants<ModifyUsersData, E> for DefaultScopes {}
    /// For each scope that implies others, the scopes holding it lets
    /// the application use (wire names); `Client::verify_scopes` uses it.
    pub const IMPLIED: &[(&str, &[&str])] = &[("modifyUsersData", &["readUsersData"])];
}
/// Declares the scope set an application holds, as a type for `Client<S, _>`:
/// `scopes!(pub MyApp = ReadUsersData, ModifyUsersData);`
///
/// Scopes of this description: `ReadUsersData`, `ModifyUsersData`, `ManageJobs`, `CreateJobs`, `Roles`, `ModifyRoles`, `Databases`, `ImpersonateUsers`, `Files`. Declare only scopes the application has been granted; `Client::verify_scopes` checks it at run time.
macro_rules! __imagen_scopes {
    ($vis:vis $name:ident = $($scope:ident), * $(,)?) => {
        ::imagen_runtime::__private::declare_scopes! {
            runtime = [::imagen_runtime],
            module = [crate::scopes],
            table = ["readUsersData" ReadUsersData[ReadUsersData]; "modifyUsersData" ModifyUsersData[ReadUsersData ModifyUsersData]; "manageJobs" ManageJobs[ManageJobs]; "createJobs" CreateJobs[CreateJobs]; "roles" Roles[Roles]; "modifyRoles" ModifyRoles[ModifyRoles]; "databases" Databases[Databases]; "impersonateUsers" ImpersonateUsers[ImpersonateUsers]; "files" Files[Files];],
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
    /// An application registered in ImagenWeb's developer section (`<Response><Application>`; JSON `{"Application": …}`).
    #[derive(Clone, Debug, PartialEq)]
    pub struct Application {
        /// The application's API key (in the knowledge-base sample only).
        ///
        /// Wire name `APIKey`.
        pub api_key: ::std::option::Option<::std::string::String>,
        /// The application's secret (never printed).
        ///
        /// Wire name `SecretAccessKey`.
        pub secret_access_key: ::std::option::Option<rt::ApiSecret>,
        /// `Name`.
        pub name: ::std::string::String,
        /// Creation time, ISO 8601 in UTC (`2020-01-31T12:00:00Z`).
        ///
        /// Wire name `Created`.
        pub created: ::std::option::Option<::std::string::String>,
        /// `false` when an administrator disabled the application.
        ///
        /// Wire name `Enabled`. Written `1` or `0`.
        pub enabled: ::std::option::Option<bool>,
        /// `RedirectURI`.
        pub redirect_uri: ::std::option::Option<::std::string::String>,
        /// `Contact`.
        pub contact: ::std::option::Option<::std::string::String>,
        /// `Website`.
        pub website: ::std::option::Option<::std::string::String>,
        /// `Description`.
        pub description: ::std::option::Option<::std::string::String>,
        /// `Logo`.
        pub logo: ::std::option::Option<::std::string::String>,
        /// `DeveloperEmail`.
        pub developer_email: ::std::option::Option<::std::string::String>,
        /// `ApplicationType`.
        pub application_type: ::std::option::Option<ApplicationType>,
        /// `DatabaseID`.
        pub database_id: ::std::option::Option<i64>,
        /// The scopes granted to the application.
        ///
        /// Wire name `Scopes`. One `<Scope>` element per item.
        pub scopes: ::std::option::Option<::std::vec::Vec<Scope>>,
    }
    impl rt::__private::serde::Serialize for Application {
        fn serialize<S: rt::__private::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
            let mut m = rt::wire::struct_ser::begin(s, "Application", 1, &[
                self.api_key.is_some(),
                self.secret_access_key.is_some(),
                self.created.is_some(),
                self.enabled.is_some(),
                self.redirect_uri.is_some(),
                self.contact.is_some(),
                self.website.is_some(),
                self.description.is_some(),
                self.logo.is_some(),
                self.developer_email.is_some(),
                self.application_type.is_some(),
                self.database_id.is_some(),
                self.scopes.is_some()
            ])?;
            rt::wire::struct_ser::optional(&mut m, "APIKey", &self.api_key)?;
            rt::wire::struct_ser::optional(&mut m, "SecretAccessKey", &self.secret_access_key)?;
            rt::wire::struct_ser::field(&mut m, "Name", &self.name)?;
            rt::wire::struct_ser::optional(&mut m, "Created", &self.created)?;
            rt::wire::struct_ser::optional_with::<rt::wire::formats::FlagOption, _, _>(&mut m, "Enabled", &self.enabled)?;
            rt::wire::struct_ser::optional(&mut m, "RedirectURI", &self.redirect_uri)?;
            rt::wire::struct_ser::optional(&mut m, "Contact", &self.contact)?;
            rt::wire::struct_ser::optional(&mut m, "Website", &self.website)?;
            rt::wire::struct_ser::optional(&mut m, "Description", &self.description)?;
            rt::wire::struct_ser::optional(&mut m, "Logo", &self.logo)?;
            rt::wire::struct_ser::optional(&mut m, "DeveloperEmail", &self.developer_email)?;
            rt::wire::struct_ser::optional(&mut m, "ApplicationType", &self.application_type)?;
            rt::wire::struct_ser::optional(&mut m, "DatabaseID", &self.database_id)?;
            rt::wire::struct_ser::optional(&mut m, "Scopes", &self.scopes)?;
            rt::__private::serde::ser::SerializeStruct::end(m)
        }
    }
    impl<'de> rt::__private::serde::Deserialize<'de> for Application {
        fn deserialize<D: rt::__private::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
            rt::wire::struct_de::deserialize(d)
        }
    }
    impl rt::wire::struct_de::StructDe for Application {
        const NAME: &'static str = "Application";
        const KEYS: &'static [&'static str] = &["APIKey", "SecretAccessKey", "Name", "Created", "Enabled", "RedirectURI", "Contact", "Website", "Description", "Logo", "DeveloperEmail", "ApplicationType", "DatabaseID", "Scopes"];
        type Slots = ((::std::option::Option<::std::option::Option<::std::string::String>>, ::std::option::Option<::std::option::Option<rt::ApiSecret>>, ::std::option::Option<::std::string::String>, ::std::option::Option<::std::option::Option<::std::string::String>>, ::std::option::Option<::std::option::Option<bool>>, ::std::option::Option<::std::option::Option<::std::string::String>>, ::std::option::Option<::std::option::Option<::std::string::String>>, ::std::option::Option<::std::option::Option<::std::string::String>>, ::std::option::Option<::std::option::Option<::std::string::String>>, ::std::option::Option<::std::option::Option<::std::string::String>>, ::std::option::Option<::std::option::Option<::std::string::String>>, ::std::option::Option<::std::option::Option<ApplicationType>>,), (::std::option::Option<::std::option::Option<i64>>, ::std::option::Option<::std::option::Option<::std::vec::Vec<Scope>>>,),);
        fn set<'de, A: rt::__private::serde::de::MapAccess<'de>>(s: &mut Self::Slots, key: usize, m: &mut A) -> ::std::result::Result<(), A::Error> {
            match key {
                0 => rt::wire::struct_de::value(&mut (s.0).0, m),
                1 => rt::wire::struct_de::value(&mut (s.0).1, m),
                2 => rt::wire::struct_de::value(&mut (s.0).2, m),
                3 => rt::wire::struct_de::value(&mut (s.0).3, m),
                4 => rt::wire::struct_de::value_with::<rt::wire::formats::FlagOption, _, _>(&mut (s.0).4, m),
                5 => rt::wire::struct_de::value(&mut (s.0).5, m),
                6 => rt::wire::struct_de::value(&mut (s.0).6, m),
                7 => rt::wire::struct_de::value(&mut (s.0).7, m),
                8 => rt::wire::struct_de::value(&mut (s.0).8, m),
                9 => rt::wire::struct_de::value(&mut (s.0).9, m),
                10 => rt::wire::struct_de::value(&mut (s.0).10, m),
                11 => rt::wire::struct_de::value(&mut (s.0).11, m),
                12 => rt::wire::struct_de::value(&mut (s.1).0, m),
                13 => rt::wire::struct_de::value(&mut (s.1).1, m),
                _ => ::std::result::Result::Ok(()),
            }
        }
        fn build<E: rt::__private::serde::de::Error>(s: Self::Slots) -> ::std::result::Result<Self, E> {
            ::std::result::Result::Ok(Application {
                api_key: (s.0).0.flatten(),
                secret_access_key: (s.0).1.flatten(),
                name: rt::wire::struct_de::required((s.0).2, "Name")?,
                created: (s.0).3.flatten(),
                enabled: (s.0).4.flatten(),
                redirect_uri: (s.0).5.flatten(),
                contact: (s.0).6.flatten(),
                website: (s.0).7.flatten(),
                description: (s.0).8.flatten(),
                logo: (s.0).9.flatten(),
                developer_email: (s.0).10.flatten(),
                application_type: (s.0).11.flatten(),
                database_id: (s.1).0.flatten(),
                scopes: (s.1).1.flatten(),
            })
        }
    }
    impl rt::wire::Wire for Application {
        fn kind() -> rt::wire::Kind {
            static SHAPE: rt::wire::Shape = rt::wire::Shape {
                name: "Application",
                fields: &[
                    rt::wire::Field::element("APIKey", <::std::string::String as rt::wire::Wire>::kind).optional(),
                    rt::wire::Field::element("SecretAccessKey", <rt::ApiSecret as rt::wire::Wire>::kind).optional(),
                    rt::wire::Field::element("Name", <::std::string::String as rt::wire::Wire>::kind),
                    rt::wire::Field::element("Created", <::std::string::String as rt::wire::Wire>::kind).optional(),
                    rt::wire::Field::element("Enabled", <bool as rt::wire::Wire>::kind).optional(),
                    rt::wire::Field::element("RedirectURI", <::std::string::String as rt::wire::Wire>::kind).optional(),
                    rt::wire::Field::element("Contact", <::std::string::String as rt::wire::Wire>::kind).optional(),
                    rt::wire::Field::element("Website", <::std::string::String as rt::wire::Wire>::kind).optional(),
                    rt::wire::Field::element("Description", <::std::string::String as rt::wire::Wire>::kind).optional(),
                    rt::wire::Field::element("Logo", <::std::string::String as rt::wire::Wire>::kind).optional(),
                    rt::wire::Field::element("DeveloperEmail", <::std::string::String as rt::wire::Wire>::kind).optional(),
                    rt::wire::Field::element("ApplicationType", <ApplicationType as rt::wire::Wire>::kind).optional(),
                    rt::wire::Field::element("DatabaseID", <i64 as rt::wire::Wire>::kind).optional(),
                    rt::wire::Field::element("Scopes", <::std::vec::Vec<Scope> as rt::wire::Wire>::kind).optional().item("Scope")
                ],
                plain_json: false,
            };
            rt::wire::Kind::Struct(|| &SHAPE)
        }
    }
    /// The kind of an application.
    ///
    /// Unknown values are kept in `Other`, so nothing the server sends is lost.
    #[derive(Clone, Debug, PartialEq, Eq, Hash)]
    #[allow(clippy::enum_variant_names)]
    pub enum ApplicationType {
        /// Wire value `web`.
        Web,
        /// Wire value `installed`.
        Installed,
        /// A value this description does not list.
        Other(::std::string::String),
    }
    impl ApplicationType {
        /// The wire value.
        pub fn as_str(&self) -> &str {
            match self {
                Self::Web => "web",
                Self::Installed => "installed",
                Self::Other(s) => s,
            }
        }
    }
    impl ::std::convert::From<::std::string::String> for ApplicationType {
        fn from(s: ::std::string::String) -> Self {
            match s.as_str() {
                "web" => Self::Web,
                "installed" => Self::Installed,
                _ => Self::Other(s),
            }
        }
    }
    impl ::std::fmt::Display for ApplicationType {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            f.write_str(self.as_str())
        }
    }
    impl rt::__private::serde::Serialize for ApplicationType {
        fn serialize<S: rt::__private::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
            s.serialize_str(self.as_str())
        }
    }
    impl<'de> rt::__private::serde::Deserialize<'de> for ApplicationType {
        fn deserialize<D: rt::__private::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
            <::std::string::String as rt::__private::serde::Deserialize>::deserialize(d).map(Self::from)
        }
    }
    impl ::std::str::FromStr for ApplicationType {
        type Err = ::std::convert::Infallible;
        fn from_str(s: &str) -> ::std::result::Result<Self, <Self as ::std::str::FromStr>::Err> {
            ::std::result::Result::Ok(Self::from(::std::string::String::from(s)))
        }
    }
    impl rt::wire::Wire for ApplicationType {
        fn kind() -> rt::wire::Kind {
            rt::wire::Kind::Text
        }
    }
    /// A scope granted to an application.
    #[derive(Clone, Debug, PartialEq)]
    pub struct Scope {
        /// `Name`.
        pub name: ::std::string::String,
        /// The server's label of the scope.
        ///
        /// Wire name `Description`.
        pub description: ::std::option::Option<::std::string::String>,
    }
    impl rt::__private::serde::Serialize for Scope {
        fn serialize<S: rt::__private::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
            let mut m = rt::wire::struct_ser::begin(s, "Scope", 1, &[self.description.is_some()])?;
            rt::wire::struct_ser::field(&mut m, "Name", &self.name)?;
            rt::wire::struct_ser::optional(&mut m, "Description", &self.description)?;
            rt::__private::serde::ser::SerializeStruct::end(m)
        }
    }
    impl<'de> rt::__private::serde::Deserialize<'de> for Scope {
        fn deserialize<D: rt::__private::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
            rt::wire::struct_de::deserialize(d)
        }
    }
    impl rt::wire::struct_de::StructDe for Scope {
        const NAME: &'static str = "Scope";
        const KEYS: &'static [&'static str] = &["Name", "Description"];
        type Slots = (::std::option::Option<::std::string::String>, ::std::option::Option<::std::option::Option<::std::string::String>>,);
        fn set<'de, A: rt::__private::serde::de::MapAccess<'de>>(s: &mut Self::Slots, key: usize, m: &mut A) -> ::std::result::Result<(), A::Error> {
            match key {
                0 => rt::wire::struct_de::value(&mut s.0, m),
                1 => rt::wire::struct_de::value(&mut s.1, m),
                _ => ::std::result::Result::Ok(()),
            }
        }
        fn build<E: rt::__private::serde::de::Error>(s: Self::Slots) -> ::std::result::Result<Self, E> {
            ::std::result::Result::Ok(Scope {
                name: rt::wire::struct_de::required(s.0, "Name")?,
                description: s.1.flatten(),
            })
        }
    }
    impl rt::wire::Wire for Scope {
        fn kind() -> rt::wire::Kind {
            static SHAPE: rt::wire::Shape = rt::wire::Shape {
                name: "Scope",
                fields: &[
                    rt::wire::Field::element("Name", <::std::string::String as rt::wire::Wire>::kind),
                    rt::wire::Field::element("Description", <::std::string::String as rt::wire::Wire>::kind).optional()
                ],
                plain_json: true,
            };
            rt::wire::Kind::Struct(|| &SHAPE)
        }
    }
    /// A page of records matching an Imagen Query Language query (`<Records>`).
    #[derive(Clone, Debug, PartialEq)]
    pub struct SearchResult {
        /// Pass back as `searchID` with `start` to page.
        ///
        /// Wire name `SearchID`.
        pub search_id: ::std::string::String,
        /// `TotalHits`.
        pub total_hits: i64,
        /// The records of this page (repeated `<ImagenRecord>` elements).
        ///
        /// Wire name `ImagenRecord`.
        pub records: ::std::vec::Vec<Record>,
    }
    impl rt::__private::serde::Serialize for SearchResult {
        fn serialize<S: rt::__private::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
            let mut m = rt::wire::struct_ser::begin(s, "SearchResult", 3, &[])?;
            rt::wire::struct_ser::field(&mut m, "SearchID", &self.search_id)?;
            rt::wire::struct_ser::field(&mut m, "TotalHits", &self.total_hits)?;
            rt::wire::struct_ser::field(&mut m, "ImagenRecord", &self.records)?;
            rt::__private::serde::ser::SerializeStruct::end(m)
        }
    }
    impl<'de> rt::__private::serde::Deserialize<'de> for SearchResult {
        fn deserialize<D: rt::__private::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
            rt::wire::struct_de::deserialize(d)
        }
    }
    impl rt::wire::struct_de::StructDe for SearchResult {
        const NAME: &'static str = "SearchResult";
        const KEYS: &'static [&'static str] = &["SearchID", "TotalHits", "ImagenRecord"];
        type Slots = (::std::option::Option<::std::string::String>, ::std::option::Option<i64>, ::std::option::Option<::std::vec::Vec<Record>>,);
        fn set<'de, A: rt::__private::serde::de::MapAccess<'de>>(s: &mut Self::Slots, key: usize, m: &mut A) -> ::std::result::Result<(), A::Error> {
            match key {
                0 => rt::wire::struct_de::value(&mut s.0, m),
                1 => rt::wire::struct_de::value(&mut s.1, m),
                2 => rt::wire::struct_de::value(&mut s.2, m),
                _ => ::std::result::Result::Ok(()),
            }
        }
        fn build<E: rt::__private::serde::de::Error>(s: Self::Slots) -> ::std::result::Result<Self, E> {
            ::std::result::Result::Ok(SearchResult {
                search_id: rt::wire::struct_de::required(s.0, "SearchID")?,
                total_hits: rt::wire::struct_de::required(s.1, "TotalHits")?,
                records: rt::wire::struct_de::required(s.2, "ImagenRecord")?,
            })
        }
    }
    impl rt::wire::Wire for SearchResult {
        fn kind() -> rt::wire::Kind {
            static SHAPE: rt::wire::Shape = rt::wire::Shape {
                name: "SearchResult",
                fields: &[
                    rt::wire::Field::element("SearchID", <::std::string::String as rt::wire::Wire>::kind),
                    rt::wire::Field::element("TotalHits", <i64 as rt::wire::Wire>::kind),
                    rt::wire::Field::element("ImagenRecord", <::std::vec::Vec<Record> as rt::wire::Wire>::kind)
                ],
                plain_json: false,
            };
            rt::wire::Kind::Struct(|| &SHAPE)
        }
    }
    /// One record of a search answer.
    #[derive(Clone, Debug, PartialEq)]
    pub struct Record {
        /// `ID`.
        ///
        /// An XML attribute.
        pub id: i64,
        /// `CanEdit`.
        ///
        /// An XML attribute.
        pub can_edit: bool,
        /// The database's own fields by name (`Title`, `Date`, …); multi-value fields are comma-joined, empty fields `""`.
        ///
        /// Wire name `Fields`.
        pub fields: rt::IndexMap<::std::string::String, ::std::string::String>,
        /// With `includeMedia`: the record's media objects (the vendor does not show this part).
        ///
        /// Wire name `MediaObjects`. One `<MediaObject>` element per item. *Assumption: not from the API's public documentation.*
        pub media_objects: ::std::option::Option<::std::vec::Vec<RecordMedia>>,
    }
    impl rt::__private::serde::Serialize for Record {
        fn serialize<S: rt::__private::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
            let mut m = rt::wire::struct_ser::begin(s, "Record", 3, &[self.media_objects.is_some()])?;
            rt::wire::struct_ser::field(&mut m, "ID", &self.id)?;
            rt::wire::struct_ser::field(&mut m, "CanEdit", &self.can_edit)?;
            rt::wire::struct_ser::field(&mut m, "Fields", &self.fields)?;
            rt::wire::struct_ser::optional(&mut m, "MediaObjects", &self.media_objects)?;
            rt::__private::serde::ser::SerializeStruct::end(m)
        }
    }
    impl<'de> rt::__private::serde::Deserialize<'de> for Record {
        fn deserialize<D: rt::__private::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
            rt::wire::struct_de::deserialize(d)
        }
    }
    impl rt::wire::struct_de::StructDe for Record {
        const NAME: &'static str = "Record";
        const KEYS: &'static [&'static str] = &["ID", "CanEdit", "Fields", "MediaObjects"];
        type Slots = (::std::option::Option<i64>, ::std::option::Option<bool>, ::std::option::Option<rt::IndexMap<::std::string::String, ::std::string::String>>, ::std::option::Option<::std::option::Option<::std::vec::Vec<RecordMedia>>>,);
        fn set<'de, A: rt::__private::serde::de::MapAccess<'de>>(s: &mut Self::Slots, key: usize, m: &mut A) -> ::std::result::Result<(), A::Error> {
            match key {
                0 => rt::wire::struct_de::value(&mut s.0, m),
                1 => rt::wire::struct_de::value(&mut s.1, m),
                2 => rt::wire::struct_de::value(&mut s.2, m),
                3 => rt::wire::struct_de::value(&mut s.3, m),
                _ => ::std::result::Result::Ok(()),
            }
        }
        fn build<E: rt::__private::serde::de::Error>(s: Self::Slots) -> ::std::result::Result<Self, E> {
            ::std::result::Result::Ok(Record {
                id: rt::wire::struct_de::required(s.0, "ID")?,
                can_edit: rt::wire::struct_de::required(s.1, "CanEdit")?,
                fields: rt::wire::struct_de::required(s.2, "Fields")?,
                media_objects: s.3.flatten(),
            })
        }
    }
    impl rt::wire::Wire for Record {
        fn kind() -> rt::wire::Kind {
            static SHAPE: rt::wire::Shape = rt::wire::Shape {
                name: "Record",
                fields: &[
                    rt::wire::Field::attribute("ID", <i64 as rt::wire::Wire>::kind),
                    rt::wire::Field::attribute("CanEdit", <bool as rt::wire::Wire>::kind),
                    rt::wire::Field::element("Fields", <rt::IndexMap<::std::string::String, ::std::string::String> as rt::wire::Wire>::kind),
                    rt::wire::Field::element("MediaObjects", <::std::vec::Vec<RecordMedia> as rt::wire::Wire>::kind).optional().item("MediaObject")
                ],
                plain_json: false,
            };
            rt::wire::Kind::Struct(|| &SHAPE)
        }
    }
    /// A media object of a record in a search answer.
    ///
    /// *Assumption: not from the API's public documentation.*
    #[derive(Clone, Debug, PartialEq)]
    pub struct RecordMedia {
        /// `ID`.
        ///
        /// An XML attribute.
        pub id: i64,
        /// `MediaType`.
        ///
        /// An XML attribute.
        pub media_type: ::std::option::Option<MediaType>,
    }
    impl rt::__private::serde::Serialize for RecordMedia {
        fn serialize<S: rt::__private::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
            let mut m = rt::wire::struct_ser::begin(s, "RecordMedia", 1, &[self.media_type.is_some()])?;
            rt::wire::struct_ser::field(&mut m, "ID", &self.id)?;
            rt::wire::struct_ser::optional(&mut m, "MediaType", &self.media_type)?;
            rt::__private::serde::ser::SerializeStruct::end(m)
        }
    }
    impl<'de> rt::__private::serde::Deserialize<'de> for RecordMedia {
        fn deserialize<D: rt::__private::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
            rt::wire::struct_de::deserialize(d)
        }
    }
    impl rt::wire::struct_de::StructDe for RecordMedia {
        const NAME: &'static str = "RecordMedia";
        const KEYS: &'static [&'static str] = &["ID", "MediaType"];
        type Slots = (::std::option::Option<i64>, ::std::option::Option<::std::option::Option<MediaType>>,);
        fn set<'de, A: rt::__private::serde::de::MapAccess<'de>>(s: &mut Self::Slots, key: usize, m: &mut A) -> ::std::result::Result<(), A::Error> {
            match key {
                0 => rt::wire::struct_de::value(&mut s.0, m),
                1 => rt::wire::struct_de::value(&mut s.1, m),
                _ => ::std::result::Result::Ok(()),
            }
        }
        fn build<E: rt::__private::serde::de::Error>(s: Self::Slots) -> ::std::result::Result<Self, E> {
            ::std::result::Result::Ok(RecordMedia {
                id: rt::wire::struct_de::required(s.0, "ID")?,
                media_type: s.1.flatten(),
            })
        }
    }
    impl rt::wire::Wire for RecordMedia {
        fn kind() -> rt::wire::Kind {
            static SHAPE: rt::wire::Shape = rt::wire::Shape {
                name: "RecordMedia",
                fields: &[
                    rt::wire::Field::attribute("ID", <i64 as rt::wire::Wire>::kind),
                    rt::wire::Field::attribute("MediaType", <MediaType as rt::wire::Wire>::kind).optional()
                ],
                plain_json: true,
            };
            rt::wire::Kind::Struct(|| &SHAPE)
        }
    }
    /// An ImagenWeb search answer (`<Records>` with the calling user's ID).
    #[derive(Clone, Debug, PartialEq)]
    pub struct WebSearchResult {
        /// `SearchID`.
        pub search_id: ::std::string::String,
        /// `TotalHits`.
        pub total_hits: i64,
        /// The calling user's ID (the vendor shows the element; its meaning is inferred).
        ///
        /// Wire name `User`.
        pub user: ::std::option::Option<i64>,
        /// `ImagenRecord`.
        pub records: ::std::vec::Vec<Record>,
    }
    impl rt::__private::serde::Serialize for WebSearchResult {
        fn serialize<S: rt::__private::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
            let mut m = rt::wire::struct_ser::begin(s, "WebSearchResult", 3, &[self.user.is_some()])?;
            rt::wire::struct_ser::field(&mut m, "SearchID", &self.search_id)?;
            rt::wire::struct_ser::field(&mut m, "TotalHits", &self.total_hits)?;
            rt::wire::struct_ser::optional(&mut m, "User", &self.user)?;
            rt::wire::struct_ser::field(&mut m, "ImagenRecord", &self.records)?;
            rt::__private::serde::ser::SerializeStruct::end(m)
        }
    }
    impl<'de> rt::__private::serde::Deserialize<'de> for WebSearchResult {
        fn deserialize<D: rt::__private::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
            rt::wire::struct_de::deserialize(d)
        }
    }
    impl rt::wire::struct_de::StructDe for WebSearchResult {
        const NAME: &'static str = "WebSearchResult";
        const KEYS: &'static [&'static str] = &["SearchID", "TotalHits", "User", "ImagenRecord"];
        type Slots = (::std::option::Option<::std::string::String>, ::std::option::Option<i64>, ::std::option::Option<::std::option::Option<i64>>, ::std::option::Option<::std::vec::Vec<Record>>,);
        fn set<'de, A: rt::__private::serde::de::MapAccess<'de>>(s: &mut Self::Slots, key: usize, m: &mut A) -> ::std::result::Result<(), A::Error> {
            match key {
                0 => rt::wire::struct_de::value(&mut s.0, m),
                1 => rt::wire::struct_de::value(&mut s.1, m),
                2 => rt::wire::struct_de::value(&mut s.2, m),
                3 => rt::wire::struct_de::value(&mut s.3, m),
                _ => ::std::result::Result::Ok(()),
            }
        }
        fn build<E: rt::__private::serde::de::Error>(s: Self::Slots) -> ::std::result::Result<Self, E> {
            ::std::result::Result::Ok(WebSearchResult {
                search_id: rt::wire::struct_de::required(s.0, "SearchID")?,
                total_hits: rt::wire::struct_de::required(s.1, "TotalHits")?,
                user: s.2.flatten(),
                records: rt::wire::struct_de::required(s.3, "ImagenRecord")?,
            })
        }
    }
    impl rt::wire::Wire for WebSearchResult {
        fn kind() -> rt::wire::Kind {
            static SHAPE: rt::wire::Shape = rt::wire::Shape {
                name: "WebSearchResult",
                fields: &[
                    rt::wire::Field::element("SearchID", <::std::string::String as rt::wire::Wire>::kind),
                    rt::wire::Field::element("TotalHits", <i64 as rt::wire::Wire>::kind),
                    rt::wire::Field::element("User", <i64 as rt::wire::Wire>::kind).optional(),
                    rt::wire::Field::element("ImagenRecord", <::std::vec::Vec<Record> as rt::wire::Wire>::kind)
                ],
                plain_json: false,
            };
            rt::wire::Kind::Struct(|| &SHAPE)
        }
    }
    /// Records in Imagen XML, the `NativeImagenXML` mapping (`<Records><ImagenRecord ID="-1"><Fields>…`).
    #[derive(Clone, Debug, PartialEq)]
    pub struct ImportDocument {
        /// `ImagenRecord`.
        pub records: ::std::vec::Vec<ImportRecord>,
    }
    impl rt::__private::serde::Serialize for ImportDocument {
        fn serialize<S: rt::__private::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
            let mut m = rt::wire::struct_ser::begin(s, "ImportDocument", 1, &[])?;
            rt::wire::struct_ser::field(&mut m, "ImagenRecord", &self.records)?;
            rt::__private::serde::ser::SerializeStruct::end(m)
        }
    }
    impl<'de> rt::__private::serde::Deserialize<'de> for ImportDocument {
        fn deserialize<D: rt::__private::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
            rt::wire::struct_de::deserialize(d)
        }
    }
    impl rt::wire::struct_de::StructDe for ImportDocument {
        const NAME: &'static str = "ImportDocument";
        const KEYS: &'static [&'static str] = &["ImagenRecord"];
        type Slots = (::std::option::Option<::std::vec::Vec<ImportRecord>>,);
        fn set<'de, A: rt::__private::serde::de::MapAccess<'de>>(s: &mut Self::Slots, key: usize, m: &mut A) -> ::std::result::Result<(), A::Error> {
            match key {
                0 => rt::wire::struct_de::value(&mut s.0, m),
                _ => ::std::result::Result::Ok(()),
            }
        }
        fn build<E: rt::__private::serde::de::Error>(s: Self::Slots) -> ::std::result::Result<Self, E> {
            ::std::result::Result::Ok(ImportDocument {
                records: rt::wire::struct_de::required(s.0, "ImagenRecord")?,
            })
        }
    }
    impl rt::wire::Wire for ImportDocument {
        fn kind() -> rt::wire::Kind {
            static SHAPE: rt::wire::Shape = rt::wire::Shape {
                name: "ImportDocument",
                fields: &[rt::wire::Field::element("ImagenRecord", <::std::vec::Vec<ImportRecord> as rt::wire::Wire>::kind)],
                plain_json: true,
            };
            rt::wire::Kind::Struct(|| &SHAPE)
        }
    }
    /// One record to create (`id` -1) or update.
    #[derive(Clone, Debug, PartialEq)]
    pub struct ImportRecord {
        /// `-1` creates a record; an existing record's ID updates it.
        ///
        /// Wire name `ID`. An XML attribute.
        pub id: i64,
        /// One element per schema field, named by the field.
        ///
        /// Wire name `Fields`.
        pub fields: rt::IndexMap<::std::string::String, ::std::string::String>,
        /// The record's permissions.
        ///
        /// Wire name `CIS_ACLList`.
        pub acl: ::std::option::Option<AclList>,
        /// `MediaObject`.
        pub media_objects: ::std::option::Option<::std::vec::Vec<ImportMediaObject>>,
    }
    impl rt::__private::serde::Serialize for ImportRecord {
        fn serialize<S: rt::__private::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
            let mut m = rt::wire::struct_ser::begin(s, "ImportRecord", 2, &[self.acl.is_some(), self.media_objects.is_some()])?;
            rt::wire::struct_ser::field(&mut m, "ID", &self.id)?;
            rt::wire::struct_ser::field(&mut m, "Fields", &self.fields)?;
            rt::wire::struct_ser::optional(&mut m, "CIS_ACLList", &self.acl)?;
            rt::wire::struct_ser::optional(&mut m, "MediaObject", &self.media_objects)?;
            rt::__private::serde::ser::SerializeStruct::end(m)
        }
    }
    impl<'de> rt::__private::serde::Deserialize<'de> for ImportRecord {
        fn deserialize<D: rt::__private::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
            rt::wire::struct_de::deserialize(d)
        }
    }
    impl rt::wire::struct_de::StructDe for ImportRecord {
        const NAME: &'static str = "ImportRecord";
        const KEYS: &'static [&'static str] = &["ID", "Fields", "CIS_ACLList", "MediaObject"];
        type Slots = (::std::option::Option<i64>, ::std::option::Option<rt::IndexMap<::std::string::String, ::std::string::String>>, ::std::option::Option<::std::option::Option<AclList>>, ::std::option::Option<::std::option::Option<::std::vec::Vec<ImportMediaObject>>>,);
        fn set<'de, A: rt::__private::serde::de::MapAccess<'de>>(s: &mut Self::Slots, key: usize, m: &mut A) -> ::std::result::Result<(), A::Error> {
            match key {
                0 => rt::wire::struct_de::value(&mut s.0, m),
                1 => rt::wire::struct_de::value(&mut s.1, m),
                2 => rt::wire::struct_de::value(&mut s.2, m),
                3 => rt::wire::struct_de::value(&mut s.3, m),
                _ => ::std::result::Result::Ok(()),
            }
        }
        fn build<E: rt::__private::serde::de::Error>(s: Self::Slots) -> ::std::result::Result<Self, E> {
            ::std::result::Result::Ok(ImportRecord {
                id: rt::wire::struct_de::required(s.0, "ID")?,
                fields: rt::wire::struct_de::required(s.1, "Fields")?,
                acl: s.2.flatten(),
                media_objects: s.3.flatten(),
            })
        }
    }
    impl rt::wire::Wire for ImportRecord {
        fn kind() -> rt::wire::Kind {
            static SHAPE: rt::wire::Shape = rt::wire::Shape {
                name: "ImportRecord",
                fields: &[
                    rt::wire::Field::attribute("ID", <i64 as rt::wire::Wire>::kind),
                    rt::wire::Field::element("Fields", <rt::IndexMap<::std::string::String, ::std::string::String> as rt::wire::Wire>::kind),
                    rt::wire::Field::element("CIS_ACLList", <AclList as rt::wire::Wire>::kind).optional(),
                    rt::wire::Field::element("MediaObject", <::std::vec::Vec<ImportMediaObject> as rt::wire::Wire>::kind).optional()
                ],
                plain_json: true,
            };
            rt::wire::Kind::Struct(|| &SHAPE)
        }
    }
    /// Permissions (`<CIS_ACLList>`).
    #[derive(Clone, Debug, PartialEq)]
    pub struct AclList {
        /// `ACL`.
        pub acls: ::std::vec::Vec<Acl>,
    }
    impl rt::__private::serde::Serialize for AclList {
        fn serialize<S: rt::__private::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
            let mut m = rt::wire::struct_ser::begin(s, "AclList", 1, &[])?;
            rt::wire::struct_ser::field(&mut m, "ACL", &self.acls)?;
            rt::__private::serde::ser::SerializeStruct::end(m)
        }
    }
    impl<'de> rt::__private::serde::Deserialize<'de> for AclList {
        fn deserialize<D: rt::__private::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
            rt::wire::struct_de::deserialize(d)
        }
    }
    impl rt::wire::struct_de::StructDe for AclList {
        const NAME: &'static str = "AclList";
        const KEYS: &'static [&'static str] = &["ACL"];
        type Slots = (::std::option::Option<::std::vec::Vec<Acl>>,);
        fn set<'de, A: rt::__private::serde::de::MapAccess<'de>>(s: &mut Self::Slots, key: usize, m: &mut A) -> ::std::result::Result<(), A::Error> {
            match key {
                0 => rt::wire::struct_de::value(&mut s.0, m),
                _ => ::std::result::Result::Ok(()),
            }
        }
        fn build<E: rt::__private::serde::de::Error>(s: Self::Slots) -> ::std::result::Result<Self, E> {
            ::std::result::Result::Ok(AclList {
                acls: rt::wire::struct_de::required(s.0, "ACL")?,
            })
        }
    }
    impl rt::wire::Wire for AclList {
        fn kind() -> rt::wire::Kind {
            static SHAPE: rt::wire::Shape = rt::wire::Shape {
                name: "AclList",
                fields: &[rt::wire::Field::element("ACL", <::std::vec::Vec<Acl> as rt::wire::Wire>::kind)],
                plain_json: true,
            };
            rt::wire::Kind::Struct(|| &SHAPE)
        }
    }
    /// A list of roles to add, or with `merge` set, to remove.
    #[derive(Clone, Debug, PartialEq)]
    pub struct Acl {
        /// `1`: the roles listed are removed.
        ///
        /// Wire name `Merge`. An XML attribute. Written `1` or `0`.
        pub merge: ::std::option::Option<bool>,
        /// `Role`.
        pub roles: ::std::vec::Vec<AclRole>,
    }
    impl rt::__private::serde::Serialize for Acl {
        fn serialize<S: rt::__private::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
            let mut m = rt::wire::struct_ser::begin(s, "Acl", 1, &[self.merge.is_some()])?;
            rt::wire::struct_ser::optional_with::<rt::wire::formats::FlagOption, _, _>(&mut m, "Merge", &self.merge)?;
            rt::wire::struct_ser::field(&mut m, "Role", &self.roles)?;
            rt::__private::serde::ser::SerializeStruct::end(m)
        }
    }
    impl<'de> rt::__private::serde::Deserialize<'de> for Acl {
        fn deserialize<D: rt::__private::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
            rt::wire::struct_de::deserialize(d)
        }
    }
    impl rt::wire::struct_de::StructDe for Acl {
        const NAME: &'static str = "Acl";
        const KEYS: &'static [&'static str] = &["Merge", "Role"];
        type Slots = (::std::option::Option<::std::option::Option<bool>>, ::std::option::Option<::std::vec::Vec<AclRole>>,);
        fn set<'de, A: rt::__private::serde::de::MapAccess<'de>>(s: &mut Self::Slots, key: usize, m: &mut A) -> ::std::result::Result<(), A::Error> {
            match key {
                0 => rt::wire::struct_de::value_with::<rt::wire::formats::FlagOption, _, _>(&mut s.0, m),
                1 => rt::wire::struct_de::value(&mut s.1, m),
                _ => ::std::result::Result::Ok(()),
            }
        }
        fn build<E: rt::__private::serde::de::Error>(s: Self::Slots) -> ::std::result::Result<Self, E> {
            ::std::result::Result::Ok(Acl {
                merge: s.0.flatten(),
                roles: rt::wire::struct_de::required(s.1, "Role")?,
            })
        }
    }
    impl rt::wire::Wire for Acl {
        fn kind() -> rt::wire::Kind {
            static SHAPE: rt::wire::Shape = rt::wire::Shape {
                name: "Acl",
                fields: &[
                    rt::wire::Field::attribute("Merge", <bool as rt::wire::Wire>::kind).optional(),
                    rt::wire::Field::element("Role", <::std::vec::Vec<AclRole> as rt::wire::Wire>::kind)
                ],
                plain_json: true,
            };
            rt::wire::Kind::Struct(|| &SHAPE)
        }
    }
    /// One role, group or user (by name or by `role_id`) with its rights.
    #[derive(Clone, Debug, PartialEq)]
    pub struct AclRole {
        /// `r`, `rw`, `read`, `readwrite`; `0` inside a `merge` list.
        ///
        /// Wire name `Rights`. An XML attribute.
        pub rights: ::std::string::String,
        /// `RoleID`.
        ///
        /// An XML attribute.
        pub role_id: ::std::option::Option<i64>,
        /// A role or group name (`Everyone`) or a user's e-mail; empty with `role_id`.
        ///
        /// Wire name `name`. The XML element's text.
        pub name: ::std::option::Option<::std::string::String>,
    }
    impl rt::__private::serde::Serialize for AclRole {
        fn serialize<S: rt::__private::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
            let mut m = rt::wire::struct_ser::begin(s, "AclRole", 1, &[self.role_id.is_some(), self.name.is_some()])?;
            rt::wire::struct_ser::field(&mut m, "Rights", &self.rights)?;
            rt::wire::struct_ser::optional(&mut m, "RoleID", &self.role_id)?;
            rt::wire::struct_ser::optional(&mut m, "name", &self.name)?;
            rt::__private::serde::ser::SerializeStruct::end(m)
        }
    }
    impl<'de> rt::__private::serde::Deserialize<'de> for AclRole {
        fn deserialize<D: rt::__private::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
            rt::wire::struct_de::deserialize(d)
        }
    }
    impl rt::wire::struct_de::StructDe for AclRole {
        const NAME: &'static str = "AclRole";
        const KEYS: &'static [&'static str] = &["Rights", "RoleID", "name"];
        type Slots = (::std::option::Option<::std::string::String>, ::std::option::Option<::std::option::Option<i64>>, ::std::option::Option<::std::option::Option<::std::string::String>>,);
        fn set<'de, A: rt::__private::serde::de::MapAccess<'de>>(s: &mut Self::Slots, key: usize, m: &mut A) -> ::std::result::Result<(), A::Error> {
            match key {
                0 => rt::wire::struct_de::value(&mut s.0, m),
                1 => rt::wire::struct_de::value(&mut s.1, m),
                2 => rt::wire::struct_de::value(&mut s.2, m),
                _ => ::std::result::Result::Ok(()),
            }
        }
        fn build<E: rt::__private::serde::de::Error>(s: Self::Slots) -> ::std::result::Result<Self, E> {
            ::std::result::Result::Ok(AclRole {
                rights: rt::wire::struct_de::required(s.0, "Rights")?,
                role_id: s.1.flatten(),
                name: s.2.flatten(),
            })
        }
    }
    impl rt::wire::Wire for AclRole {
        fn kind() -> rt::wire::Kind {
            static SHAPE: rt::wire::Shape = rt::wire::Shape {
                name: "AclRole",
                fields: &[
                    rt::wire::Field::attribute("Rights", <::std::string::String as rt::wire::Wire>::kind),
                    rt::wire::Field::attribute("RoleID", <i64 as rt::wire::Wire>::kind).optional(),
                    rt::wire::Field::text("name", <::std::string::String as rt::wire::Wire>::kind).optional()
                ],
                plain_json: true,
            };
            rt::wire::Kind::Struct(|| &SHAPE)
        }
    }
    /// A media object of an imported record.
    #[derive(Clone, Debug, PartialEq)]
    pub struct ImportMediaObject {
        /// `3`, the latest version.
        ///
        /// Wire name `Version`. An XML attribute.
        pub version: ::std::option::Option<i32>,
        /// `-1` creates a media object.
        ///
        /// Wire name `ID`. An XML attribute.
        pub id: i64,
        /// `MediaType`.
        ///
        /// An XML attribute.
        pub media_type: MediaType,
        /// Empty in the vendor's guide; values not documented.
        ///
        /// Wire name `IsClip`. An XML attribute.
        pub is_clip: ::std::option::Option<::std::string::String>,
        /// `Name`.
        ///
        /// An XML attribute.
        pub name: ::std::option::Option<::std::string::String>,
        /// The media object's own permissions.
        ///
        /// Wire name `CIS_ACLList`.
        pub acl: ::std::option::Option<AclList>,
        /// Credits; `0` free, `-1` not available.
        ///
        /// Wire name `BaseDownloadCost`.
        pub base_download_cost: ::std::option::Option<i64>,
        /// `BaseTimecode`.
        pub base_timecode: ::std::option::Option<::std::string::String>,
        /// Frames (video) or samples (audio).
        ///
        /// Wire name `Duration`.
        pub duration: ::std::option::Option<i64>,
        /// `MediaElement`.
        pub elements: ::std::vec::Vec<MediaElement>,
    }
    impl rt::__private::serde::Serialize for ImportMediaObject {
        fn serialize<S: rt::__private::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
            let mut m = rt::wire::struct_ser::begin(s, "ImportMediaObject", 3, &[
                self.version.is_some(),
                self.is_clip.is_some(),
                self.name.is_some(),
                self.acl.is_some(),
                self.base_download_cost.is_some(),
                self.base_timecode.is_some(),
                self.duration.is_some()
            ])?;
            rt::wire::struct_ser::optional(&mut m, "Version", &self.version)?;
            rt::wire::struct_ser::field(&mut m, "ID", &self.id)?;
            rt::wire::struct_ser::field(&mut m, "MediaType", &self.media_type)?;
            rt::wire::struct_ser::optional(&mut m, "IsClip", &self.is_clip)?;
            rt::wire::struct_ser::optional(&mut m, "Name", &self.name)?;
            rt::wire::struct_ser::optional(&mut m, "CIS_ACLList", &self.acl)?;
            rt::wire::struct_ser::optional(&mut m, "BaseDownloadCost", &self.base_download_cost)?;
            rt::wire::struct_ser::optional(&mut m, "BaseTimecode", &self.base_timecode)?;
            rt::wire::struct_ser::optional(&mut m, "Duration", &self.duration)?;
            rt::wire::struct_ser::field(&mut m, "MediaElement", &self.elements)?;
            rt::__private::serde::ser::SerializeStruct::end(m)
        }
    }
    impl<'de> rt::__private::serde::Deserialize<'de> for ImportMediaObject {
        fn deserialize<D: rt::__private::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
            rt::wire::struct_de::deserialize(d)
        }
    }
    impl rt::wire::struct_de::StructDe for ImportMediaObject {
        const NAME: &'static str = "ImportMediaObject";
        const KEYS: &'static [&'static str] = &["Version", "ID", "MediaType", "IsClip", "Name", "CIS_ACLList", "BaseDownloadCost", "BaseTimecode", "Duration", "MediaElement"];
        type Slots = (::std::option::Option<::std::option::Option<i32>>, ::std::option::Option<i64>, ::std::option::Option<MediaType>, ::std::option::Option<::std::option::Option<::std::string::String>>, ::std::option::Option<::std::option::Option<::std::string::String>>, ::std::option::Option<::std::option::Option<AclList>>, ::std::option::Option<::std::option::Option<i64>>, ::std::option::Option<::std::option::Option<::std::string::String>>, ::std::option::Option<::std::option::Option<i64>>, ::std::option::Option<::std::vec::Vec<MediaElement>>,);
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
            ::std::result::Result::Ok(ImportMediaObject {
                version: s.0.flatten(),
                id: rt::wire::struct_de::required(s.1, "ID")?,
                media_type: rt::wire::struct_de::required(s.2, "MediaType")?,
                is_clip: s.3.flatten(),
                name: s.4.flatten(),
                acl: s.5.flatten(),
                base_download_cost: s.6.flatten(),
                base_timecode: s.7.flatten(),
                duration: s.8.flatten(),
                elements: rt::wire::struct_de::required(s.9, "MediaElement")?,
            })
        }
    }
    impl rt::wire::Wire for ImportMediaObject {
        fn kind() -> rt::wire::Kind {
            static SHAPE: rt::wire::Shape = rt::wire::Shape {
                name: "ImportMediaObject",
                fields: &[
                    rt::wire::Field::attribute("Version", <i32 as rt::wire::Wire>::kind).optional(),
                    rt::wire::Field::attribute("ID", <i64 as rt::wire::Wire>::kind),
                    rt::wire::Field::attribute("MediaType", <MediaType as rt::wire::Wire>::kind),
                    rt::wire::Field::attribute("IsClip", <::std::string::String as rt::wire::Wire>::kind).optional(),
                    rt::wire::Field::attribute("Name", <::std::string::String as rt::wire::Wire>::kind).optional(),
                    rt::wire::Field::element("CIS_ACLList", <AclList as rt::wire::Wire>::kind).optional(),
                    rt::wire::Field::element("BaseDownloadCost", <i64 as rt::wire::Wire>::kind).optional(),
                    rt::wire::Field::element("BaseTimecode", <::std::string::String as rt::wire::Wire>::kind).optional(),
                    rt::wire::Field::element("Duration", <i64 as rt::wire::Wire>::kind).optional(),
                    rt::wire::Field::element("MediaElement", <::std::vec::Vec<MediaElement> as rt::wire::Wire>::kind)
                ],
                plain_json: true,
            };
            rt::wire::Kind::Struct(|| &SHAPE)
        }
    }
    /// The original file of a media object.
    #[derive(Clone, Debug, PartialEq)]
    pub struct MediaElement {
        /// `MediaType`.
        ///
        /// An XML attribute.
        pub media_type: MediaType,
        /// `Index`.
        ///
        /// An XML attribute.
        pub index: ::std::option::Option<i32>,
        /// `Umid`.
        ///
        /// An XML attribute.
        pub umid: ::std::option::Option<::std::string::String>,
        /// An HTTP(S) URL or a path (relative to `X-Imagen-Pathprefix` when sent).
        ///
        /// Wire name `OriginalFile`.
        pub original_file: ::std::string::String,
    }
    impl rt::__private::serde::Serialize for MediaElement {
        fn serialize<S: rt::__private::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
            let mut m = rt::wire::struct_ser::begin(s, "MediaElement", 2, &[self.index.is_some(), self.umid.is_some()])?;
            rt::wire::struct_ser::field(&mut m, "MediaType", &self.media_type)?;
            rt::wire::struct_ser::optional(&mut m, "Index", &self.index)?;
            rt::wire::struct_ser::optional(&mut m, "Umid", &self.umid)?;
            rt::wire::struct_ser::field(&mut m, "OriginalFile", &self.original_file)?;
            rt::__private::serde::ser::SerializeStruct::end(m)
        }
    }
    impl<'de> rt::__private::serde::Deserialize<'de> for MediaElement {
        fn deserialize<D: rt::__private::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
            rt::wire::struct_de::deserialize(d)
        }
    }
    impl rt::wire::struct_de::StructDe for MediaElement {
        const NAME: &'static str = "MediaElement";
        const KEYS: &'static [&'static str] = &["MediaType", "Index", "Umid", "OriginalFile"];
        type Slots = (::std::option::Option<MediaType>, ::std::option::Option<::std::option::Option<i32>>, ::std::option::Option<::std::option::Option<::std::string::String>>, ::std::option::Option<::std::string::String>,);
        fn set<'de, A: rt::__private::serde::de::MapAccess<'de>>(s: &mut Self::Slots, key: usize, m: &mut A) -> ::std::result::Result<(), A::Error> {
            match key {
                0 => rt::wire::struct_de::value(&mut s.0, m),
                1 => rt::wire::struct_de::value(&mut s.1, m),
                2 => rt::wire::struct_de::value(&mut s.2, m),
                3 => rt::wire::struct_de::value(&mut s.3, m),
                _ => ::std::result::Result::Ok(()),
            }
        }
        fn build<E: rt::__private::serde::de::Error>(s: Self::Slots) -> ::std::result::Result<Self, E> {
            ::std::result::Result::Ok(MediaElement {
                media_type: rt::wire::struct_de::required(s.0, "MediaType")?,
                index: s.1.flatten(),
                umid: s.2.flatten(),
                original_file: rt::wire::struct_de::required(s.3, "OriginalFile")?,
            })
        }
    }
    impl rt::wire::Wire for MediaElement {
        fn kind() -> rt::wire::Kind {
            static SHAPE: rt::wire::Shape = rt::wire::Shape {
                name: "MediaElement",
                fields: &[
                    rt::wire::Field::attribute("MediaType", <MediaType as rt::wire::Wire>::kind),
                    rt::wire::Field::attribute("Index", <i32 as rt::wire::Wire>::kind).optional(),
                    rt::wire::Field::attribute("Umid", <::std::string::String as rt::wire::Wire>::kind).optional(),
                    rt::wire::Field::element("OriginalFile", <::std::string::String as rt::wire::Wire>::kind)
                ],
                plain_json: true,
            };
            rt::wire::Kind::Struct(|| &SHAPE)
        }
    }
    /// The kind of a media object.
    ///
    /// Unknown values are kept in `Other`, so nothing the server sends is lost.
    #[derive(Clone, Debug, PartialEq, Eq, Hash)]
    #[allow(clippy::enum_variant_names)]
    pub enum MediaType {
        /// Wire value `Video`.
        Video,
        /// Wire value `Audio`.
        Audio,
        /// Wire value `Image`.
        Image,
        /// Wire value `Social`.
        Social,
        /// Wire value `Document`.
        Document,
        /// A value this description does not list.
        Other(::std::string::String),
    }
    impl MediaType {
        /// The wire value.
        pub fn as_str(&self) -> &str {
            match self {
                Self::Video => "Video",
                Self::Audio => "Audio",
                Self::Image => "Image",
                Self::Social => "Social",
                Self::Document => "Document",
                Self::Other(s) => s,
            }
        }
    }
    impl ::std::convert::From<::std::string::String> for MediaType {
        fn from(s: ::std::string::String) -> Self {
            match s.as_str() {
                "Video" => Self::Video,
                "Audio" => Self::Audio,
                "Image" => Self::Image,
                "Social" => Self::Social,
                "Document" => Self::Document,
                _ => Self::Other(s),
            }
        }
    }
    impl ::std::fmt::Display for MediaType {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            f.write_str(self.as_str())
        }
    }
    impl rt::__private::serde::Serialize for MediaType {
        fn serialize<S: rt::__private::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
            s.serialize_str(self.as_str())
        }
    }
    impl<'de> rt::__private::serde::Deserialize<'de> for MediaType {
        fn deserialize<D: rt::__private::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
            <::std::string::String as rt::__private::serde::Deserialize>::deserialize(d).map(Self::from)
        }
    }
    impl ::std::str::FromStr for MediaType {
        type Err = ::std::convert::Infallible;
        fn from_str(s: &str) -> ::std::result::Result<Self, <Self as ::std::str::FromStr>::Err> {
            ::std::result::Result::Ok(Self::from(::std::string::String::from(s)))
        }
    }
    impl rt::wire::Wire for MediaType {
        fn kind() -> rt::wire::Kind {
            rt::wire::Kind::Text
        }
    }
    /// Progress of an import task (`<Response><DatabaseJob GUID State Type>`).
    #[derive(Clone, Debug, PartialEq)]
    pub struct DatabaseJob {
        /// The task's GUID: poll it with `import().status(guid)`.
        ///
        /// Wire name `GUID`. An XML attribute.
        pub guid: ::std::string::String,
        /// `State`.
        ///
        /// An XML attribute.
        pub state: JobState,
        /// Always `2` for import tasks.
        ///
        /// Wire name `Type`. An XML attribute.
        pub job_type: i64,
        /// Percent.
        ///
        /// Wire name `Progress`.
        pub progress: ::std::option::Option<f64>,
        /// `Error`.
        pub error: ::std::option::Option<JobError>,
        /// Records added or updated (listed even when the task failed).
        ///
        /// Wire name `Import`.
        pub import: ::std::option::Option<ImportedPart>,
        /// `FailedImport`.
        pub failed_import: ::std::option::Option<FailedPart>,
        /// Records directly under `<DatabaseJob>` (the knowledge base's variant of the document).
        ///
        /// Wire name `ImagenRecord`. *Assumption: not from the API's public documentation.*
        pub records: ::std::option::Option<::std::vec::Vec<ImportedRecord>>,
    }
    impl rt::__private::serde::Serialize for DatabaseJob {
        fn serialize<S: rt::__private::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
            let mut m = rt::wire::struct_ser::begin(s, "DatabaseJob", 3, &[
                self.progress.is_some(),
                self.error.is_some(),
                self.import.is_some(),
                self.failed_import.is_some(),
                self.records.is_some()
            ])?;
            rt::wire::struct_ser::field(&mut m, "GUID", &self.guid)?;
            rt::wire::struct_ser::field(&mut m, "State", &self.state)?;
            rt::wire::struct_ser::field(&mut m, "Type", &self.job_type)?;
            rt::wire::struct_ser::optional(&mut m, "Progress", &self.progress)?;
            rt::wire::struct_ser::optional(&mut m, "Error", &self.error)?;
            rt::wire::struct_ser::optional(&mut m, "Import", &self.import)?;
            rt::wire::struct_ser::optional(&mut m, "FailedImport", &self.failed_import)?;
            rt::wire::struct_ser::optional(&mut m, "ImagenRecord", &self.records)?;
            rt::__private::serde::ser::SerializeStruct::end(m)
        }
    }
    impl<'de> rt::__private::serde::Deserialize<'de> for DatabaseJob {
        fn deserialize<D: rt::__private::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
            rt::wire::struct_de::deserialize(d)
        }
    }
    impl rt::wire::struct_de::StructDe for DatabaseJob {
        const NAME: &'static str = "DatabaseJob";
        const KEYS: &'static [&'static str] = &["GUID", "State", "Type", "Progress", "Error", "Import", "FailedImport", "ImagenRecord"];
        type Slots = (::std::option::Option<::std::string::String>, ::std::option::Option<JobState>, ::std::option::Option<i64>, ::std::option::Option<::std::option::Option<f64>>, ::std::option::Option<::std::option::Option<JobError>>, ::std::option::Option<::std::option::Option<ImportedPart>>, ::std::option::Option<::std::option::Option<FailedPart>>, ::std::option::Option<::std::option::Option<::std::vec::Vec<ImportedRecord>>>,);
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
                _ => ::std::result::Result::Ok(()),
            }
        }
        fn build<E: rt::__private::serde::de::Error>(s: Self::Slots) -> ::std::result::Result<Self, E> {
            ::std::result::Result::Ok(DatabaseJob {
                guid: rt::wire::struct_de::required(s.0, "GUID")?,
                state: rt::wire::struct_de::required(s.1, "State")?,
                job_type: rt::wire::struct_de::required(s.2, "Type")?,
                progress: s.3.flatten(),
                error: s.4.flatten(),
                import: s.5.flatten(),
                failed_import: s.6.flatten(),
                records: s.7.flatten(),
            })
        }
    }
    impl rt::wire::Wire for DatabaseJob {
        fn kind() -> rt::wire::Kind {
            static SHAPE: rt::wire::Shape = rt::wire::Shape {
                name: "DatabaseJob",
                fields: &[
                    rt::wire::Field::attribute("GUID", <::std::string::String as rt::wire::Wire>::kind),
                    rt::wire::Field::attribute("State", <JobState as rt::wire::Wire>::kind),
                    rt::wire::Field::attribute("Type", <i64 as rt::wire::Wire>::kind),
                    rt::wire::Field::element("Progress", <f64 as rt::wire::Wire>::kind).optional(),
                    rt::wire::Field::element("Error", <JobError as rt::wire::Wire>::kind).optional(),
                    rt::wire::Field::element("Import", <ImportedPart as rt::wire::Wire>::kind).optional(),
                    rt::wire::Field::element("FailedImport", <FailedPart as rt::wire::Wire>::kind).optional(),
                    rt::wire::Field::element("ImagenRecord", <::std::vec::Vec<ImportedRecord> as rt::wire::Wire>::kind).optional()
                ],
                plain_json: false,
            };
            rt::wire::Kind::Struct(|| &SHAPE)
        }
    }
    /// State of an import task.
    ///
    /// A numeric code on the wire; unknown codes are kept in `Other`.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub enum JobState {
        /// Code `0`.
        Waiting,
        /// Code `1`.
        Processing,
        /// Code `2`.
        Completed,
        /// Code `3`.
        Failed,
        /// A code this description does not list.
        Other(i64),
    }
    impl JobState {
        /// The wire code.
        pub fn code(&self) -> i64 {
            match self {
                Self::Waiting => 0i64,
                Self::Processing => 1i64,
                Self::Completed => 2i64,
                Self::Failed => 3i64,
                Self::Other(n) => *n,
            }
        }
    }
    impl ::std::convert::From<i64> for JobState {
        fn from(n: i64) -> Self {
            match n {
                0i64 => Self::Waiting,
                1i64 => Self::Processing,
                2i64 => Self::Completed,
                3i64 => Self::Failed,
                _ => Self::Other(n),
            }
        }
    }
    impl ::std::fmt::Display for JobState {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match self {
                Self::Waiting => f.write_str("Waiting"),
                Self::Processing => f.write_str("Processing"),
                Self::Completed => f.write_str("Completed"),
                Self::Failed => f.write_str("Failed"),
                Self::Other(n) => ::std::write!(f, "{n}"),
            }
        }
    }
    impl ::std::str::FromStr for JobState {
        type Err = ::std::num::ParseIntError;
        fn from_str(s: &str) -> ::std::result::Result<Self, <Self as ::std::str::FromStr>::Err> {
            s.trim().parse::<i64>().map(Self::from)
        }
    }
    impl rt::__private::serde::Serialize for JobState {
        fn serialize<S: rt::__private::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
            s.serialize_i64(self.code())
        }
    }
    impl<'de> rt::__private::serde::Deserialize<'de> for JobState {
        fn deserialize<D: rt::__private::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
            rt::wire::formats::code::deserialize(d).map(Self::from)
        }
    }
    impl rt::wire::Wire for JobState {
        fn kind() -> rt::wire::Kind {
            rt::wire::Kind::Int
        }
    }
    /// Why a task failed (empty unless it did).
    #[derive(Clone, Debug, PartialEq)]
    pub struct JobError {
        /// `Message`.
        pub message: ::std::option::Option<::std::string::String>,
        /// `Details`.
        pub details: ::std::option::Option<::std::string::String>,
    }
    impl rt::__private::serde::Serialize for JobError {
        fn serialize<S: rt::__private::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
            let mut m = rt::wire::struct_ser::begin(s, "JobError", 0, &[self.message.is_some(), self.details.is_some()])?;
            rt::wire::struct_ser::optional(&mut m, "Message", &self.message)?;
            rt::wire::struct_ser::optional(&mut m, "Details", &self.details)?;
            rt::__private::serde::ser::SerializeStruct::end(m)
        }
    }
    impl<'de> rt::__private::serde::Deserialize<'de> for JobError {
        fn deserialize<D: rt::__private::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
            rt::wire::struct_de::deserialize(d)
        }
    }
    impl rt::wire::struct_de::StructDe for JobError {
        const NAME: &'static str = "JobError";
        const KEYS: &'static [&'static str] = &["Message", "Details"];
        type Slots = (::std::option::Option<::std::option::Option<::std::string::String>>, ::std::option::Option<::std::option::Option<::std::string::String>>,);
        fn set<'de, A: rt::__private::serde::de::MapAccess<'de>>(s: &mut Self::Slots, key: usize, m: &mut A) -> ::std::result::Result<(), A::Error> {
            match key {
                0 => rt::wire::struct_de::value(&mut s.0, m),
                1 => rt::wire::struct_de::value(&mut s.1, m),
                _ => ::std::result::Result::Ok(()),
            }
        }
        fn build<E: rt::__private::serde::de::Error>(s: Self::Slots) -> ::std::result::Result<Self, E> {
            ::std::result::Result::Ok(JobError {
                message: s.0.flatten(),
                details: s.1.flatten(),
            })
        }
    }
    impl rt::wire::Wire for JobError {
        fn kind() -> rt::wire::Kind {
            static SHAPE: rt::wire::Shape = rt::wire::Shape {
                name: "JobError",
                fields: &[
                    rt::wire::Field::element("Message", <::std::string::String as rt::wire::Wire>::kind).optional(),
                    rt::wire::Field::element("Details", <::std::string::String as rt::wire::Wire>::kind).optional()
                ],
                plain_json: true,
            };
            rt::wire::Kind::Struct(|| &SHAPE)
        }
    }
    /// The records an import adds or updates (`<Import>`).
    #[derive(Clone, Debug, PartialEq)]
    pub struct ImportedPart {
        /// `NumRecords`.
        pub num_records: ::std::option::Option<i64>,
        /// `ImagenRecords`.
        ///
        /// One `<ImagenRecord>` element per item.
        pub records: ::std::option::Option<::std::vec::Vec<ImportedRecord>>,
    }
    impl rt::__private::serde::Serialize for ImportedPart {
        fn serialize<S: rt::__private::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
            let mut m = rt::wire::struct_ser::begin(s, "ImportedPart", 0, &[self.num_records.is_some(), self.records.is_some()])?;
            rt::wire::struct_ser::optional(&mut m, "NumRecords", &self.num_records)?;
            rt::wire::struct_ser::optional(&mut m, "ImagenRecords", &self.records)?;
            rt::__private::serde::ser::SerializeStruct::end(m)
        }
    }
    impl<'de> rt::__private::serde::Deserialize<'de> for ImportedPart {
        fn deserialize<D: rt::__private::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
            rt::wire::struct_de::deserialize(d)
        }
    }
    impl rt::wire::struct_de::StructDe for ImportedPart {
        const NAME: &'static str = "ImportedPart";
        const KEYS: &'static [&'static str] = &["NumRecords", "ImagenRecords"];
        type Slots = (::std::option::Option<::std::option::Option<i64>>, ::std::option::Option<::std::option::Option<::std::vec::Vec<ImportedRecord>>>,);
        fn set<'de, A: rt::__private::serde::de::MapAccess<'de>>(s: &mut Self::Slots, key: usize, m: &mut A) -> ::std::result::Result<(), A::Error> {
            match key {
                0 => rt::wire::struct_de::value(&mut s.0, m),
                1 => rt::wire::struct_de::value(&mut s.1, m),
                _ => ::std::result::Result::Ok(()),
            }
        }
        fn build<E: rt::__private::serde::de::Error>(s: Self::Slots) -> ::std::result::Result<Self, E> {
            ::std::result::Result::Ok(ImportedPart {
                num_records: s.0.flatten(),
                records: s.1.flatten(),
            })
        }
    }
    impl rt::wire::Wire for ImportedPart {
        fn kind() -> rt::wire::Kind {
            static SHAPE: rt::wire::Shape = rt::wire::Shape {
                name: "ImportedPart",
                fields: &[
                    rt::wire::Field::element("NumRecords", <i64 as rt::wire::Wire>::kind).optional(),
                    rt::wire::Field::element("ImagenRecords", <::std::vec::Vec<ImportedRecord> as rt::wire::Wire>::kind).optional().item("ImagenRecord")
                ],
                plain_json: false,
            };
            rt::wire::Kind::Struct(|| &SHAPE)
        }
    }
    /// A record of an import task with the media it added or changed.
    #[derive(Clone, Debug, PartialEq)]
    pub struct ImportedRecord {
        /// `ID`.
        ///
        /// An XML attribute.
        pub id: i64,
        /// `MediaObjects`.
        pub media: ::std::option::Option<ImportedMedia>,
        /// Media objects directly under the record (knowledge-base variant).
        ///
        /// Wire name `MediaObject`. *Assumption: not from the API's public documentation.*
        pub media_objects: ::std::option::Option<::std::vec::Vec<IdRef>>,
        /// Store jobs directly under the record (knowledge-base variant).
        ///
        /// Wire name `StoreJob`. *Assumption: not from the API's public documentation.*
        pub store_jobs: ::std::option::Option<::std::vec::Vec<GuidRef>>,
    }
    impl rt::__private::serde::Serialize for ImportedRecord {
        fn serialize<S: rt::__private::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
            let mut m = rt::wire::struct_ser::begin(s, "ImportedRecord", 1, &[self.media.is_some(), self.media_objects.is_some(), self.store_jobs.is_some()])?;
            rt::wire::struct_ser::field(&mut m, "ID", &self.id)?;
            rt::wire::struct_ser::optional(&mut m, "MediaObjects", &self.media)?;
            rt::wire::struct_ser::optional(&mut m, "MediaObject", &self.media_objects)?;
            rt::wire::struct_ser::optional(&mut m, "StoreJob", &self.store_jobs)?;
            rt::__private::serde::ser::SerializeStruct::end(m)
        }
    }
    impl<'de> rt::__private::serde::Deserialize<'de> for ImportedRecord {
        fn deserialize<D: rt::__private::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
            rt::wire::struct_de::deserialize(d)
        }
    }
    impl rt::wire::struct_de::StructDe for ImportedRecord {
        const NAME: &'static str = "ImportedRecord";
        const KEYS: &'static [&'static str] = &["ID", "MediaObjects", "MediaObject", "StoreJob"];
        type Slots = (::std::option::Option<i64>, ::std::option::Option<::std::option::Option<ImportedMedia>>, ::std::option::Option<::std::option::Option<::std::vec::Vec<IdRef>>>, ::std::option::Option<::std::option::Option<::std::vec::Vec<GuidRef>>>,);
        fn set<'de, A: rt::__private::serde::de::MapAccess<'de>>(s: &mut Self::Slots, key: usize, m: &mut A) -> ::std::result::Result<(), A::Error> {
            match key {
                0 => rt::wire::struct_de::value(&mut s.0, m),
                1 => rt::wire::struct_de::value(&mut s.1, m),
                2 => rt::wire::struct_de::value(&mut s.2, m),
                3 => rt::wire::struct_de::value(&mut s.3, m),
                _ => ::std::result::Result::Ok(()),
            }
        }
        fn build<E: rt::__private::serde::de::Error>(s: Self::Slots) -> ::std::result::Result<Self, E> {
            ::std::result::Result::Ok(ImportedRecord {
                id: rt::wire::struct_de::required(s.0, "ID")?,
                media: s.1.flatten(),
                media_objects: s.2.flatten(),
                store_jobs: s.3.flatten(),
            })
        }
    }
    impl rt::wire::Wire for ImportedRecord {
        fn kind() -> rt::wire::Kind {
            static SHAPE: rt::wire::Shape = rt::wire::Shape {
                name: "ImportedRecord",
                fields: &[
                    rt::wire::Field::attribute("ID", <i64 as rt::wire::Wire>::kind),
                    rt::wire::Field::element("MediaObjects", <ImportedMedia as rt::wire::Wire>::kind).optional(),
                    rt::wire::Field::element("MediaObject", <::std::vec::Vec<IdRef> as rt::wire::Wire>::kind).optional(),
                    rt::wire::Field::element("StoreJob", <::std::vec::Vec<GuidRef> as rt::wire::Wire>::kind).optional()
                ],
                plain_json: true,
            };
            rt::wire::Kind::Struct(|| &SHAPE)
        }
    }
    /// `<MediaObjects>`: the media objects and, as their siblings, the ingest jobs created for them (paired by position, an inference).
    #[derive(Clone, Debug, PartialEq)]
    pub struct ImportedMedia {
        /// `MediaObject`.
        pub media_objects: ::std::vec::Vec<IdRef>,
        /// `StoreJob`.
        pub store_jobs: ::std::vec::Vec<GuidRef>,
    }
    impl rt::__private::serde::Serialize for ImportedMedia {
        fn serialize<S: rt::__private::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
            let mut m = rt::wire::struct_ser::begin(s, "ImportedMedia", 2, &[])?;
            rt::wire::struct_ser::field(&mut m, "MediaObject", &self.media_objects)?;
            rt::wire::struct_ser::field(&mut m, "StoreJob", &self.store_jobs)?;
            rt::__private::serde::ser::SerializeStruct::end(m)
        }
    }
    impl<'de> rt::__private::serde::Deserialize<'de> for ImportedMedia {
        fn deserialize<D: rt::__private::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
            rt::wire::struct_de::deserialize(d)
        }
    }
    impl rt::wire::struct_de::StructDe for ImportedMedia {
        const NAME: &'static str = "ImportedMedia";
        const KEYS: &'static [&'static str] = &["MediaObject", "StoreJob"];
        type Slots = (::std::option::Option<::std::vec::Vec<IdRef>>, ::std::option::Option<::std::vec::Vec<GuidRef>>,);
        fn set<'de, A: rt::__private::serde::de::MapAccess<'de>>(s: &mut Self::Slots, key: usize, m: &mut A) -> ::std::result::Result<(), A::Error> {
            match key {
                0 => rt::wire::struct_de::value(&mut s.0, m),
                1 => rt::wire::struct_de::value(&mut s.1, m),
                _ => ::std::result::Result::Ok(()),
            }
        }
        fn build<E: rt::__private::serde::de::Error>(s: Self::Slots) -> ::std::result::Result<Self, E> {
            ::std::result::Result::Ok(ImportedMedia {
                media_objects: rt::wire::struct_de::required(s.0, "MediaObject")?,
                store_jobs: rt::wire::struct_de::required(s.1, "StoreJob")?,
            })
        }
    }
    impl rt::wire::Wire for ImportedMedia {
        fn kind() -> rt::wire::Kind {
            static SHAPE: rt::wire::Shape = rt::wire::Shape {
                name: "ImportedMedia",
                fields: &[
                    rt::wire::Field::element("MediaObject", <::std::vec::Vec<IdRef> as rt::wire::Wire>::kind),
                    rt::wire::Field::element("StoreJob", <::std::vec::Vec<GuidRef> as rt::wire::Wire>::kind)
                ],
                plain_json: true,
            };
            rt::wire::Kind::Struct(|| &SHAPE)
        }
    }
    /// An element that only carries an integer `ID`.
    #[derive(Clone, Debug, PartialEq)]
    pub struct IdRef {
        /// `ID`.
        ///
        /// An XML attribute.
        pub id: i64,
    }
    impl rt::__private::serde::Serialize for IdRef {
        fn serialize<S: rt::__private::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
            let mut m = rt::wire::struct_ser::begin(s, "IdRef", 1, &[])?;
            rt::wire::struct_ser::field(&mut m, "ID", &self.id)?;
            rt::__private::serde::ser::SerializeStruct::end(m)
        }
    }
    impl<'de> rt::__private::serde::Deserialize<'de> for IdRef {
        fn deserialize<D: rt::__private::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
            rt::wire::struct_de::deserialize(d)
        }
    }
    impl rt::wire::struct_de::StructDe for IdRef {
        const NAME: &'static str = "IdRef";
        const KEYS: &'static [&'static str] = &["ID"];
        type Slots = (::std::option::Option<i64>,);
        fn set<'de, A: rt::__private::serde::de::MapAccess<'de>>(s: &mut Self::Slots, key: usize, m: &mut A) -> ::std::result::Result<(), A::Error> {
            match key {
                0 => rt::wire::struct_de::value(&mut s.0, m),
                _ => ::std::result::Result::Ok(()),
            }
        }
        fn build<E: rt::__private::serde::de::Error>(s: Self::Slots) -> ::std::result::Result<Self, E> {
            ::std::result::Result::Ok(IdRef {
                id: rt::wire::struct_de::required(s.0, "ID")?,
            })
        }
    }
    impl rt::wire::Wire for IdRef {
        fn kind() -> rt::wire::Kind {
            static SHAPE: rt::wire::Shape = rt::wire::Shape {
                name: "IdRef",
                fields: &[rt::wire::Field::attribute("ID", <i64 as rt::wire::Wire>::kind)],
                plain_json: true,
            };
            rt::wire::Kind::Struct(|| &SHAPE)
        }
    }
    /// An element that only carries a GUID `ID`.
    #[derive(Clone, Debug, PartialEq)]
    pub struct GuidRef {
        /// `ID`.
        ///
        /// An XML attribute.
        pub id: ::std::string::String,
    }
    impl rt::__private::serde::Serialize for GuidRef {
        fn serialize<S: rt::__private::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
            let mut m = rt::wire::struct_ser::begin(s, "GuidRef", 1, &[])?;
            rt::wire::struct_ser::field(&mut m, "ID", &self.id)?;
            rt::__private::serde::ser::SerializeStruct::end(m)
        }
    }
    impl<'de> rt::__private::serde::Deserialize<'de> for GuidRef {
        fn deserialize<D: rt::__private::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
            rt::wire::struct_de::deserialize(d)
        }
    }
    impl rt::wire::struct_de::StructDe for GuidRef {
        const NAME: &'static str = "GuidRef";
        const KEYS: &'static [&'static str] = &["ID"];
        type Slots = (::std::option::Option<::std::string::String>,);
        fn set<'de, A: rt::__private::serde::de::MapAccess<'de>>(s: &mut Self::Slots, key: usize, m: &mut A) -> ::std::result::Result<(), A::Error> {
            match key {
                0 => rt::wire::struct_de::value(&mut s.0, m),
                _ => ::std::result::Result::Ok(()),
            }
        }
        fn build<E: rt::__private::serde::de::Error>(s: Self::Slots) -> ::std::result::Result<Self, E> {
            ::std::result::Result::Ok(GuidRef {
                id: rt::wire::struct_de::required(s.0, "ID")?,
            })
        }
    }
    impl rt::wire::Wire for GuidRef {
        fn kind() -> rt::wire::Kind {
            static SHAPE: rt::wire::Shape = rt::wire::Shape {
                name: "GuidRef",
                fields: &[rt::wire::Field::attribute("ID", <::std::string::String as rt::wire::Wire>::kind)],
                plain_json: true,
            };
            rt::wire::Kind::Struct(|| &SHAPE)
        }
    }
    /// The records an import could not add (`<FailedImport>`).
    #[derive(Clone, Debug, PartialEq)]
    pub struct FailedPart {
        /// `NumRecords`.
        pub num_records: ::std::option::Option<i64>,
        /// `FailedImagenRecords`.
        ///
        /// One `<ImagenRecord>` element per item.
        pub records: ::std::option::Option<::std::vec::Vec<FailedRecord>>,
    }
    impl rt::__private::serde::Serialize for FailedPart {
        fn serialize<S: rt::__private::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
            let mut m = rt::wire::struct_ser::begin(s, "FailedPart", 0, &[self.num_records.is_some(), self.records.is_some()])?;
            rt::wire::struct_ser::optional(&mut m, "NumRecords", &self.num_records)?;
            rt::wire::struct_ser::optional(&mut m, "FailedImagenRecords", &self.records)?;
            rt::__private::serde::ser::SerializeStruct::end(m)
        }
    }
    impl<'de> rt::__private::serde::Deserialize<'de> for FailedPart {
        fn deserialize<D: rt::__private::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
            rt::wire::struct_de::deserialize(d)
        }
    }
    impl rt::wire::struct_de::StructDe for FailedPart {
        const NAME: &'static str = "FailedPart";
        const KEYS: &'static [&'static str] = &["NumRecords", "FailedImagenRecords"];
        type Slots = (::std::option::Option<::std::option::Option<i64>>, ::std::option::Option<::std::option::Option<::std::vec::Vec<FailedRecord>>>,);
        fn set<'de, A: rt::__private::serde::de::MapAccess<'de>>(s: &mut Self::Slots, key: usize, m: &mut A) -> ::std::result::Result<(), A::Error> {
            match key {
                0 => rt::wire::struct_de::value(&mut s.0, m),
                1 => rt::wire::struct_de::value(&mut s.1, m),
                _ => ::std::result::Result::Ok(()),
            }
        }
        fn build<E: rt::__private::serde::de::Error>(s: Self::Slots) -> ::std::result::Result<Self, E> {
            ::std::result::Result::Ok(FailedPart {
                num_records: s.0.flatten(),
                records: s.1.flatten(),
            })
        }
    }
    impl rt::wire::Wire for FailedPart {
        fn kind() -> rt::wire::Kind {
            static SHAPE: rt::wire::Shape = rt::wire::Shape {
                name: "FailedPart",
                fields: &[
                    rt::wire::Field::element("NumRecords", <i64 as rt::wire::Wire>::kind).optional(),
                    rt::wire::Field::element("FailedImagenRecords", <::std::vec::Vec<FailedRecord> as rt::wire::Wire>::kind).optional().item("ImagenRecord")
                ],
                plain_json: false,
            };
            rt::wire::Kind::Struct(|| &SHAPE)
        }
    }
    /// A record that failed to import.
    #[derive(Clone, Debug, PartialEq)]
    pub struct FailedRecord {
        /// `ID`.
        ///
        /// An XML attribute.
        pub id: i64,
        /// Values not documented.
        ///
        /// Wire name `ImportErrorCode`.
        pub error_code: ::std::option::Option<::std::string::String>,
        /// `ImportError`.
        pub error: ::std::option::Option<::std::string::String>,
        /// `MediaObjects`.
        pub media: ::std::option::Option<ImportedMedia>,
    }
    impl rt::__private::serde::Serialize for FailedRecord {
        fn serialize<S: rt::__private::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
            let mut m = rt::wire::struct_ser::begin(s, "FailedRecord", 1, &[self.error_code.is_some(), self.error.is_some(), self.media.is_some()])?;
            rt::wire::struct_ser::field(&mut m, "ID", &self.id)?;
            rt::wire::struct_ser::optional(&mut m, "ImportErrorCode", &self.error_code)?;
            rt::wire::struct_ser::optional(&mut m, "ImportError", &self.error)?;
            rt::wire::struct_ser::optional(&mut m, "MediaObjects", &self.media)?;
            rt::__private::serde::ser::SerializeStruct::end(m)
        }
    }
    impl<'de> rt::__private::serde::Deserialize<'de> for FailedRecord {
        fn deserialize<D: rt::__private::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
            rt::wire::struct_de::deserialize(d)
        }
    }
    impl rt::wire::struct_de::StructDe for FailedRecord {
        const NAME: &'static str = "FailedRecord";
        const KEYS: &'static [&'static str] = &["ID", "ImportErrorCode", "ImportError", "MediaObjects"];
        type Slots = (::std::option::Option<i64>, ::std::option::Option<::std::option::Option<::std::string::String>>, ::std::option::Option<::std::option::Option<::std::string::String>>, ::std::option::Option<::std::option::Option<ImportedMedia>>,);
        fn set<'de, A: rt::__private::serde::de::MapAccess<'de>>(s: &mut Self::Slots, key: usize, m: &mut A) -> ::std::result::Result<(), A::Error> {
            match key {
                0 => rt::wire::struct_de::value(&mut s.0, m),
                1 => rt::wire::struct_de::value(&mut s.1, m),
                2 => rt::wire::struct_de::value(&mut s.2, m),
                3 => rt::wire::struct_de::value(&mut s.3, m),
                _ => ::std::result::Result::Ok(()),
            }
        }
        fn build<E: rt::__private::serde::de::Error>(s: Self::Slots) -> ::std::result::Result<Self, E> {
            ::std::result::Result::Ok(FailedRecord {
                id: rt::wire::struct_de::required(s.0, "ID")?,
                error_code: s.1.flatten(),
                error: s.2.flatten(),
                media: s.3.flatten(),
            })
        }
    }
    impl rt::wire::Wire for FailedRecord {
        fn kind() -> rt::wire::Kind {
            static SHAPE: rt::wire::Shape = rt::wire::Shape {
                name: "FailedRecord",
                fields: &[
                    rt::wire::Field::attribute("ID", <i64 as rt::wire::Wire>::kind),
                    rt::wire::Field::element("ImportErrorCode", <::std::string::String as rt::wire::Wire>::kind).optional(),
                    rt::wire::Field::element("ImportError", <::std::string::String as rt::wire::Wire>::kind).optional(),
                    rt::wire::Field::element("MediaObjects", <ImportedMedia as rt::wire::Wire>::kind).optional()
                ],
                plain_json: true,
            };
            rt::wire::Kind::Struct(|| &SHAPE)
        }
    }
    /// A reprocessing job (`<CISXMLDocument>`).
    #[derive(Clone, Debug, PartialEq)]
    pub struct JobDocument {
        /// `DatabaseID`.
        pub database_id: i64,
        /// The workflow's name (or ID).
        ///
        /// Wire name `Workflow`.
        pub workflow: ::std::string::String,
        /// `JobName`.
        pub job_name: ::std::string::String,
        /// `ResourceGroup`.
        pub resource_group: ::std::option::Option<::std::string::String>,
        /// `1`, `2` or `3` (which end is highest is not documented).
        ///
        /// Wire name `Priority`.
        pub priority: i32,
        /// The e-mail of the user the job runs for.
        ///
        /// Wire name `ClientID`.
        pub client_id: ::std::option::Option<::std::string::String>,
        /// `Inputs`.
        ///
        /// One `<Input>` element per item.
        pub inputs: ::std::vec::Vec<JobInput>,
    }
    impl rt::__private::serde::Serialize for JobDocument {
        fn serialize<S: rt::__private::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
            let mut m = rt::wire::struct_ser::begin(s, "JobDocument", 5, &[self.resource_group.is_some(), self.client_id.is_some()])?;
            rt::wire::struct_ser::field(&mut m, "DatabaseID", &self.database_id)?;
            rt::wire::struct_ser::field(&mut m, "Workflow", &self.workflow)?;
            rt::wire::struct_ser::field(&mut m, "JobName", &self.job_name)?;
            rt::wire::struct_ser::optional(&mut m, "ResourceGroup", &self.resource_group)?;
            rt::wire::struct_ser::field(&mut m, "Priority", &self.priority)?;
            rt::wire::struct_ser::optional(&mut m, "ClientID", &self.client_id)?;
            rt::wire::struct_ser::field(&mut m, "Inputs", &self.inputs)?;
            rt::__private::serde::ser::SerializeStruct::end(m)
        }
    }
    impl<'de> rt::__private::serde::Deserialize<'de> for JobDocument {
        fn deserialize<D: rt::__private::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
            rt::wire::struct_de::deserialize(d)
        }
    }
    impl rt::wire::struct_de::StructDe for JobDocument {
        const NAME: &'static str = "JobDocument";
        const KEYS: &'static [&'static str] = &["DatabaseID", "Workflow", "JobName", "ResourceGroup", "Priority", "ClientID", "Inputs"];
        type Slots = (::std::option::Option<i64>, ::std::option::Option<::std::string::String>, ::std::option::Option<::std::string::String>, ::std::option::Option<::std::option::Option<::std::string::String>>, ::std::option::Option<i32>, ::std::option::Option<::std::option::Option<::std::string::String>>, ::std::option::Option<::std::vec::Vec<JobInput>>,);
        fn set<'de, A: rt::__private::serde::de::MapAccess<'de>>(s: &mut Self::Slots, key: usize, m: &mut A) -> ::std::result::Result<(), A::Error> {
            match key {
                0 => rt::wire::struct_de::value(&mut s.0, m),
                1 => rt::wire::struct_de::value(&mut s.1, m),
                2 => rt::wire::struct_de::value(&mut s.2, m),
                3 => rt::wire::struct_de::value(&mut s.3, m),
                4 => rt::wire::struct_de::value(&mut s.4, m),
                5 => rt::wire::struct_de::value(&mut s.5, m),
                6 => rt::wire::struct_de::value(&mut s.6, m),
                _ => ::std::result::Result::Ok(()),
            }
        }
        fn build<E: rt::__private::serde::de::Error>(s: Self::Slots) -> ::std::result::Result<Self, E> {
            ::std::result::Result::Ok(JobDocument {
                database_id: rt::wire::struct_de::required(s.0, "DatabaseID")?,
                workflow: rt::wire::struct_de::required(s.1, "Workflow")?,
                job_name: rt::wire::struct_de::required(s.2, "JobName")?,
                resource_group: s.3.flatten(),
                priority: rt::wire::struct_de::required(s.4, "Priority")?,
                client_id: s.5.flatten(),
                inputs: rt::wire::struct_de::required(s.6, "Inputs")?,
            })
        }
    }
    impl rt::wire::Wire for JobDocument {
        fn kind() -> rt::wire::Kind {
            static SHAPE: rt::wire::Shape = rt::wire::Shape {
                name: "JobDocument",
                fields: &[
                    rt::wire::Field::element("DatabaseID", <i64 as rt::wire::Wire>::kind),
                    rt::wire::Field::element("Workflow", <::std::string::String as rt::wire::Wire>::kind),
                    rt::wire::Field::element("JobName", <::std::string::String as rt::wire::Wire>::kind),
                    rt::wire::Field::element("ResourceGroup", <::std::string::String as rt::wire::Wire>::kind).optional(),
                    rt::wire::Field::element("Priority", <i32 as rt::wire::Wire>::kind),
                    rt::wire::Field::element("ClientID", <::std::string::String as rt::wire::Wire>::kind).optional(),
                    rt::wire::Field::element("Inputs", <::std::vec::Vec<JobInput> as rt::wire::Wire>::kind).item("Input")
                ],
                plain_json: false,
            };
            rt::wire::Kind::Struct(|| &SHAPE)
        }
    }
    /// One input of a job: `<Input type="Int" sub-type="Record_ID" id="-1">5531</Input>`.
    #[derive(Clone, Debug, PartialEq)]
    pub struct JobInput {
        /// `Int` in the vendor's example.
        ///
        /// Wire name `type`. An XML attribute.
        pub input_type: ::std::string::String,
        /// `Record_ID`, `Media_ID-Video`, … (only these two are shown).
        ///
        /// Wire name `sub-type`. An XML attribute.
        pub sub_type: ::std::string::String,
        /// The input slot, a negative number (`-1`, `-2`).
        ///
        /// Wire name `id`. An XML attribute.
        pub slot: i64,
        /// The ID the input refers to.
        ///
        /// Wire name `value`. The XML element's text.
        pub value: ::std::string::String,
    }
    impl rt::__private::serde::Serialize for JobInput {
        fn serialize<S: rt::__private::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
            let mut m = rt::wire::struct_ser::begin(s, "JobInput", 4, &[])?;
            rt::wire::struct_ser::field(&mut m, "type", &self.input_type)?;
            rt::wire::struct_ser::field(&mut m, "sub-type", &self.sub_type)?;
            rt::wire::struct_ser::field(&mut m, "id", &self.slot)?;
            rt::wire::struct_ser::field(&mut m, "value", &self.value)?;
            rt::__private::serde::ser::SerializeStruct::end(m)
        }
    }
    impl<'de> rt::__private::serde::Deserialize<'de> for JobInput {
        fn deserialize<D: rt::__private::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
            rt::wire::struct_de::deserialize(d)
        }
    }
    impl rt::wire::struct_de::StructDe for JobInput {
        const NAME: &'static str = "JobInput";
        const KEYS: &'static [&'static str] = &["type", "sub-type", "id", "value"];
        type Slots = (::std::option::Option<::std::string::String>, ::std::option::Option<::std::string::String>, ::std::option::Option<i64>, ::std::option::Option<::std::string::String>,);
        fn set<'de, A: rt::__private::serde::de::MapAccess<'de>>(s: &mut Self::Slots, key: usize, m: &mut A) -> ::std::result::Result<(), A::Error> {
            match key {
                0 => rt::wire::struct_de::value(&mut s.0, m),
                1 => rt::wire::struct_de::value(&mut s.1, m),
                2 => rt::wire::struct_de::value(&mut s.2, m),
                3 => rt::wire::struct_de::value(&mut s.3, m),
                _ => ::std::result::Result::Ok(()),
            }
        }
        fn build<E: rt::__private::serde::de::Error>(s: Self::Slots) -> ::std::result::Result<Self, E> {
            ::std::result::Result::Ok(JobInput {
                input_type: rt::wire::struct_de::required(s.0, "type")?,
                sub_type: rt::wire::struct_de::required(s.1, "sub-type")?,
                slot: rt::wire::struct_de::required(s.2, "id")?,
                value: rt::wire::struct_de::required(s.3, "value")?,
            })
        }
    }
    impl rt::wire::Wire for JobInput {
        fn kind() -> rt::wire::Kind {
            static SHAPE: rt::wire::Shape = rt::wire::Shape {
                name: "JobInput",
                fields: &[
                    rt::wire::Field::attribute("type", <::std::string::String as rt::wire::Wire>::kind),
                    rt::wire::Field::attribute("sub-type", <::std::string::String as rt::wire::Wire>::kind),
                    rt::wire::Field::attribute("id", <i64 as rt::wire::Wire>::kind),
                    rt::wire::Field::text("value", <::std::string::String as rt::wire::Wire>::kind)
                ],
                plain_json: true,
            };
            rt::wire::Kind::Struct(|| &SHAPE)
        }
    }
    /// A workflow the user may start.
    #[derive(Clone, Debug, PartialEq)]
    pub struct Workflow {
        /// Unique workflow ID (a GUID in the samples; the format is not documented).
        ///
        /// Wire name `ID`.
        pub id: ::std::string::String,
        /// `Name`.
        pub name: ::std::string::String,
        /// `Description`.
        pub description: ::std::option::Option<::std::string::String>,
        /// `YYYY-MM-DDTHH:MM:SS` in the samples; the format is not documented.
        ///
        /// Wire name `DateCreated`. *Assumption: not from the API's public documentation.*
        pub date_created: ::std::option::Option<::std::string::String>,
        /// `UsageType`.
        pub usage_type: UsageType,
        /// `Video`, `Audio`, `Image`, `Stills`, `Thumbnail`, `Subtitles`, `Document`, `HLS`.
        ///
        /// Wire name `MediaTypes`. Written as one comma-separated string.
        pub media_types: ::std::option::Option<::std::vec::Vec<::std::string::String>>,
        /// A JSON array as text, media type → comma-separated extensions and MIME types (layout not documented).
        ///
        /// Wire name `FileExtensions`.
        pub file_extensions: ::std::option::Option<::std::string::String>,
        /// Vendor-internal.
        ///
        /// Wire name `FieldInputs`.
        pub field_inputs: ::std::option::Option<::std::string::String>,
        /// `CanClip`.
        pub can_clip: ::std::option::Option<bool>,
        /// `ClipOnly`.
        pub clip_only: ::std::option::Option<bool>,
    }
    impl rt::__private::serde::Serialize for Workflow {
        fn serialize<S: rt::__private::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
            let mut m = rt::wire::struct_ser::begin(s, "Workflow", 3, &[
                self.description.is_some(),
                self.date_created.is_some(),
                self.media_types.is_some(),
                self.file_extensions.is_some(),
                self.field_inputs.is_some(),
                self.can_clip.is_some(),
                self.clip_only.is_some()
            ])?;
            rt::wire::struct_ser::field(&mut m, "ID", &self.id)?;
            rt::wire::struct_ser::field(&mut m, "Name", &self.name)?;
            rt::wire::struct_ser::optional(&mut m, "Description", &self.description)?;
            rt::wire::struct_ser::optional(&mut m, "DateCreated", &self.date_created)?;
            rt::wire::struct_ser::field(&mut m, "UsageType", &self.usage_type)?;
            rt::wire::struct_ser::optional_with::<rt::wire::formats::CsvOption, _, _>(&mut m, "MediaTypes", &self.media_types)?;
            rt::wire::struct_ser::optional(&mut m, "FileExtensions", &self.file_extensions)?;
            rt::wire::struct_ser::optional(&mut m, "FieldInputs", &self.field_inputs)?;
            rt::wire::struct_ser::optional(&mut m, "CanClip", &self.can_clip)?;
            rt::wire::struct_ser::optional(&mut m, "ClipOnly", &self.clip_only)?;
            rt::__private::serde::ser::SerializeStruct::end(m)
        }
    }
    impl<'de> rt::__private::serde::Deserialize<'de> for Workflow {
        fn deserialize<D: rt::__private::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
            rt::wire::struct_de::deserialize(d)
        }
    }
    impl rt::wire::struct_de::StructDe for Workflow {
        const NAME: &'static str = "Workflow";
        const KEYS: &'static [&'static str] = &["ID", "Name", "Description", "DateCreated", "UsageType", "MediaTypes", "FileExtensions", "FieldInputs", "CanClip", "ClipOnly"];
        type Slots = (::std::option::Option<::std::string::String>, ::std::option::Option<::std::string::String>, ::std::option::Option<::std::option::Option<::std::string::String>>, ::std::option::Option<::std::option::Option<::std::string::String>>, ::std::option::Option<UsageType>, ::std::option::Option<::std::option::Option<::std::vec::Vec<::std::string::String>>>, ::std::option::Option<::std::option::Option<::std::string::String>>, ::std::option::Option<::std::option::Option<::std::string::String>>, ::std::option::Option<::std::option::Option<bool>>, ::std::option::Option<::std::option::Option<bool>>,);
        fn set<'de, A: rt::__private::serde::de::MapAccess<'de>>(s: &mut Self::Slots, key: usize, m: &mut A) -> ::std::result::Result<(), A::Error> {
            match key {
                0 => rt::wire::struct_de::value(&mut s.0, m),
                1 => rt::wire::struct_de::value(&mut s.1, m),
                2 => rt::wire::struct_de::value(&mut s.2, m),
                3 => rt::wire::struct_de::value(&mut s.3, m),
                4 => rt::wire::struct_de::value(&mut s.4, m),
                5 => rt::wire::struct_de::value_with::<rt::wire::formats::CsvOption, _, _>(&mut s.5, m),
                6 => rt::wire::struct_de::value(&mut s.6, m),
                7 => rt::wire::struct_de::value(&mut s.7, m),
                8 => rt::wire::struct_de::value(&mut s.8, m),
                9 => rt::wire::struct_de::value(&mut s.9, m),
                _ => ::std::result::Result::Ok(()),
            }
        }
        fn build<E: rt::__private::serde::de::Error>(s: Self::Slots) -> ::std::result::Result<Self, E> {
            ::std::result::Result::Ok(Workflow {
                id: rt::wire::struct_de::required(s.0, "ID")?,
                name: rt::wire::struct_de::required(s.1, "Name")?,
                description: s.2.flatten(),
                date_created: s.3.flatten(),
                usage_type: rt::wire::struct_de::required(s.4, "UsageType")?,
                media_types: s.5.flatten(),
                file_extensions: s.6.flatten(),
                field_inputs: s.7.flatten(),
                can_clip: s.8.flatten(),
                clip_only: s.9.flatten(),
            })
        }
    }
    impl rt::wire::Wire for Workflow {
        fn kind() -> rt::wire::Kind {
            static SHAPE: rt::wire::Shape = rt::wire::Shape {
                name: "Workflow",
                fields: &[
                    rt::wire::Field::element("ID", <::std::string::String as rt::wire::Wire>::kind),
                    rt::wire::Field::element("Name", <::std::string::String as rt::wire::Wire>::kind),
                    rt::wire::Field::element("Description", <::std::string::String as rt::wire::Wire>::kind).optional(),
                    rt::wire::Field::element("DateCreated", <::std::string::String as rt::wire::Wire>::kind).optional(),
                    rt::wire::Field::element("UsageType", <UsageType as rt::wire::Wire>::kind),
                    rt::wire::Field::element("MediaTypes", <::std::string::String as rt::wire::Wire>::kind).optional(),
                    rt::wire::Field::element("FileExtensions", <::std::string::String as rt::wire::Wire>::kind).optional(),
                    rt::wire::Field::element("FieldInputs", <::std::string::String as rt::wire::Wire>::kind).optional(),
                    rt::wire::Field::element("CanClip", <bool as rt::wire::Wire>::kind).optional(),
                    rt::wire::Field::element("ClipOnly", <bool as rt::wire::Wire>::kind).optional()
                ],
                plain_json: true,
            };
            rt::wire::Kind::Struct(|| &SHAPE)
        }
    }
    /// What a workflow is for.
    ///
    /// Unknown values are kept in `Other`, so nothing the server sends is lost.
    #[derive(Clone, Debug, PartialEq, Eq, Hash)]
    #[allow(clippy::enum_variant_names)]
    pub enum UsageType {
        /// Wire value `OnIngest`.
        OnIngest,
        /// Wire value `Order`.
        Order,
        /// Wire value `Task`.
        Task,
        /// Wire value `GeneralUse`.
        GeneralUse,
        /// Wire value `RegenerateKeyImages`.
        RegenerateKeyImages,
        /// A value this description does not list.
        Other(::std::string::String),
    }
    impl UsageType {
        /// The wire value.
        pub fn as_str(&self) -> &str {
            match self {
                Self::OnIngest => "OnIngest",
                Self::Order => "Order",
                Self::Task => "Task",
                Self::GeneralUse => "GeneralUse",
                Self::RegenerateKeyImages => "RegenerateKeyImages",
                Self::Other(s) => s,
            }
        }
    }
    impl ::std::convert::From<::std::string::String> for UsageType {
        fn from(s: ::std::string::String) -> Self {
            match s.as_str() {
                "OnIngest" => Self::OnIngest,
                "Order" => Self::Order,
                "Task" => Self::Task,
                "GeneralUse" => Self::GeneralUse,
                "RegenerateKeyImages" => Self::RegenerateKeyImages,
                _ => Self::Other(s),
            }
        }
    }
    impl ::std::fmt::Display for UsageType {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            f.write_str(self.as_str())
        }
    }
    impl rt::__private::serde::Serialize for UsageType {
        fn serialize<S: rt::__private::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
            s.serialize_str(self.as_str())
        }
    }
    impl<'de> rt::__private::serde::Deserialize<'de> for UsageType {
        fn deserialize<D: rt::__private::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
            <::std::string::String as rt::__private::serde::Deserialize>::deserialize(d).map(Self::from)
        }
    }
    impl ::std::str::FromStr for UsageType {
        type Err = ::std::convert::Infallible;
        fn from_str(s: &str) -> ::std::result::Result<Self, <Self as ::std::str::FromStr>::Err> {
            ::std::result::Result::Ok(Self::from(::std::string::String::from(s)))
        }
    }
    impl rt::wire::Wire for UsageType {
        fn kind() -> rt::wire::Kind {
            rt::wire::Kind::Text
        }
    }
    /// A storage profile.
    #[derive(Clone, Debug, PartialEq)]
    pub struct Profile {
        /// `Name`.
        pub name: ::std::string::String,
        /// `ID`.
        pub id: i64,
        /// `Video` in the vendor's sample (see the note on the parameters).
        ///
        /// Wire name `Type`.
        pub profile_type: ::std::string::String,
        /// `Rendition` in the vendor's sample.
        ///
        /// Wire name `Usage`.
        pub usage: ::std::string::String,
        /// Per-profile attributes (`Format`, `Description`, `DownloadCostMultiplier`, `DisplayNames` as JSON text…).
        ///
        /// Wire name `Attributes`.
        pub attributes: ::std::option::Option<rt::IndexMap<::std::string::String, ::std::string::String>>,
    }
    impl rt::__private::serde::Serialize for Profile {
        fn serialize<S: rt::__private::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
            let mut m = rt::wire::struct_ser::begin(s, "Profile", 4, &[self.attributes.is_some()])?;
            rt::wire::struct_ser::field(&mut m, "Name", &self.name)?;
            rt::wire::struct_ser::field(&mut m, "ID", &self.id)?;
            rt::wire::struct_ser::field(&mut m, "Type", &self.profile_type)?;
            rt::wire::struct_ser::field(&mut m, "Usage", &self.usage)?;
            rt::wire::struct_ser::optional(&mut m, "Attributes", &self.attributes)?;
            rt::__private::serde::ser::SerializeStruct::end(m)
        }
    }
    impl<'de> rt::__private::serde::Deserialize<'de> for Profile {
        fn deserialize<D: rt::__private::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
            rt::wire::struct_de::deserialize(d)
        }
    }
    impl rt::wire::struct_de::StructDe for Profile {
        const NAME: &'static str = "Profile";
        const KEYS: &'static [&'static str] = &["Name", "ID", "Type", "Usage", "Attributes"];
        type Slots = (::std::option::Option<::std::string::String>, ::std::option::Option<i64>, ::std::option::Option<::std::string::String>, ::std::option::Option<::std::string::String>, ::std::option::Option<::std::option::Option<rt::IndexMap<::std::string::String, ::std::string::String>>>,);
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
            ::std::result::Result::Ok(Profile {
                name: rt::wire::struct_de::required(s.0, "Name")?,
                id: rt::wire::struct_de::required(s.1, "ID")?,
                profile_type: rt::wire::struct_de::required(s.2, "Type")?,
                usage: rt::wire::struct_de::required(s.3, "Usage")?,
                attributes: s.4.flatten(),
            })
        }
    }
    impl rt::wire::Wire for Profile {
        fn kind() -> rt::wire::Kind {
            static SHAPE: rt::wire::Shape = rt::wire::Shape {
                name: "Profile",
                fields: &[
                    rt::wire::Field::element("Name", <::std::string::String as rt::wire::Wire>::kind),
                    rt::wire::Field::element("ID", <i64 as rt::wire::Wire>::kind),
                    rt::wire::Field::element("Type", <::std::string::String as rt::wire::Wire>::kind),
                    rt::wire::Field::element("Usage", <::std::string::String as rt::wire::Wire>::kind),
                    rt::wire::Field::element("Attributes", <rt::IndexMap<::std::string::String, ::std::string::String> as rt::wire::Wire>::kind).optional()
                ],
                plain_json: true,
            };
            rt::wire::Kind::Struct(|| &SHAPE)
        }
    }
    /// An Imagen user (`<Response><Result><User>`).
    #[derive(Clone, Debug, PartialEq)]
    pub struct User {
        /// `UserID`.
        pub user_id: i64,
        /// `Username`.
        pub username: ::std::string::String,
        /// A number; its meanings are not documented.
        ///
        /// Wire name `UserType`.
        pub user_type: ::std::option::Option<i64>,
        /// `EmailAddress`.
        pub email_address: ::std::option::Option<::std::string::String>,
        /// `-1` in the vendor's sample (no limit, inferred).
        ///
        /// Wire name `CreateRecordQuota`.
        pub create_record_quota: ::std::option::Option<i64>,
        /// Right names.
        ///
        /// Wire name `AccessRights`. One `<Right>` element per item.
        pub access_rights: ::std::option::Option<::std::vec::Vec<::std::string::String>>,
    }
    impl rt::__private::serde::Serialize for User {
        fn serialize<S: rt::__private::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
            let mut m = rt::wire::struct_ser::begin(s, "User", 2, &[
                self.user_type.is_some(),
                self.email_address.is_some(),
                self.create_record_quota.is_some(),
                self.access_rights.is_some()
            ])?;
            rt::wire::struct_ser::field(&mut m, "UserID", &self.user_id)?;
            rt::wire::struct_ser::field(&mut m, "Username", &self.username)?;
            rt::wire::struct_ser::optional(&mut m, "UserType", &self.user_type)?;
            rt::wire::struct_ser::optional(&mut m, "EmailAddress", &self.email_address)?;
            rt::wire::struct_ser::optional(&mut m, "CreateRecordQuota", &self.create_record_quota)?;
            rt::wire::struct_ser::optional(&mut m, "AccessRights", &self.access_rights)?;
            rt::__private::serde::ser::SerializeStruct::end(m)
        }
    }
    impl<'de> rt::__private::serde::Deserialize<'de> for User {
        fn deserialize<D: rt::__private::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
            rt::wire::struct_de::deserialize(d)
        }
    }
    impl rt::wire::struct_de::StructDe for User {
        const NAME: &'static str = "User";
        const KEYS: &'static [&'static str] = &["UserID", "Username", "UserType", "EmailAddress", "CreateRecordQuota", "AccessRights"];
        type Slots = (::std::option::Option<i64>, ::std::option::Option<::std::string::String>, ::std::option::Option<::std::option::Option<i64>>, ::std::option::Option<::std::option::Option<::std::string::String>>, ::std::option::Option<::std::option::Option<i64>>, ::std::option::Option<::std::option::Option<::std::vec::Vec<::std::string::String>>>,);
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
            ::std::result::Result::Ok(User {
                user_id: rt::wire::struct_de::required(s.0, "UserID")?,
                username: rt::wire::struct_de::required(s.1, "Username")?,
                user_type: s.2.flatten(),
                email_address: s.3.flatten(),
                create_record_quota: s.4.flatten(),
                access_rights: s.5.flatten(),
            })
        }
    }
    impl rt::wire::Wire for User {
        fn kind() -> rt::wire::Kind {
            static SHAPE: rt::wire::Shape = rt::wire::Shape {
                name: "User",
                fields: &[
                    rt::wire::Field::element("UserID", <i64 as rt::wire::Wire>::kind),
                    rt::wire::Field::element("Username", <::std::string::String as rt::wire::Wire>::kind),
                    rt::wire::Field::element("UserType", <i64 as rt::wire::Wire>::kind).optional(),
                    rt::wire::Field::element("EmailAddress", <::std::string::String as rt::wire::Wire>::kind).optional(),
                    rt::wire::Field::element("CreateRecordQuota", <i64 as rt::wire::Wire>::kind).optional(),
                    rt::wire::Field::element("AccessRights", <::std::vec::Vec<::std::string::String> as rt::wire::Wire>::kind).optional().item("Right")
                ],
                plain_json: false,
            };
            rt::wire::Kind::Struct(|| &SHAPE)
        }
    }
    /// A right (`<Right Id="4">Create records</Right>`).
    #[derive(Clone, Debug, PartialEq)]
    pub struct Right {
        /// `Id`.
        ///
        /// An XML attribute.
        pub id: i64,
        /// `name`.
        ///
        /// The XML element's text.
        pub name: ::std::string::String,
    }
    impl rt::__private::serde::Serialize for Right {
        fn serialize<S: rt::__private::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
            let mut m = rt::wire::struct_ser::begin(s, "Right", 2, &[])?;
            rt::wire::struct_ser::field(&mut m, "Id", &self.id)?;
            rt::wire::struct_ser::field(&mut m, "name", &self.name)?;
            rt::__private::serde::ser::SerializeStruct::end(m)
        }
    }
    impl<'de> rt::__private::serde::Deserialize<'de> for Right {
        fn deserialize<D: rt::__private::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
            rt::wire::struct_de::deserialize(d)
        }
    }
    impl rt::wire::struct_de::StructDe for Right {
        const NAME: &'static str = "Right";
        const KEYS: &'static [&'static str] = &["Id", "name"];
        type Slots = (::std::option::Option<i64>, ::std::option::Option<::std::string::String>,);
        fn set<'de, A: rt::__private::serde::de::MapAccess<'de>>(s: &mut Self::Slots, key: usize, m: &mut A) -> ::std::result::Result<(), A::Error> {
            match key {
                0 => rt::wire::struct_de::value(&mut s.0, m),
                1 => rt::wire::struct_de::value(&mut s.1, m),
                _ => ::std::result::Result::Ok(()),
            }
        }
        fn build<E: rt::__private::serde::de::Error>(s: Self::Slots) -> ::std::result::Result<Self, E> {
            ::std::result::Result::Ok(Right {
                id: rt::wire::struct_de::required(s.0, "Id")?,
                name: rt::wire::struct_de::required(s.1, "name")?,
            })
        }
    }
    impl rt::wire::Wire for Right {
        fn kind() -> rt::wire::Kind {
            static SHAPE: rt::wire::Shape = rt::wire::Shape {
                name: "Right",
                fields: &[
                    rt::wire::Field::attribute("Id", <i64 as rt::wire::Wire>::kind),
                    rt::wire::Field::text("name", <::std::string::String as rt::wire::Wire>::kind)
                ],
                plain_json: true,
            };
            rt::wire::Kind::Struct(|| &SHAPE)
        }
    }
    /// A page of history entries.
    ///
    /// *Assumption: not from the API's public documentation.*
    #[derive(Clone, Debug, PartialEq)]
    pub struct HistoryPage {
        /// Present when `getTotalCount` was set and `start` is 0.
        ///
        /// Wire name `TotalCount`.
        pub total_count: ::std::option::Option<i64>,
        /// `HistoryEntries`.
        ///
        /// One `<HistoryEntry>` element per item.
        pub entries: ::std::vec::Vec<HistoryEntry>,
    }
    impl rt::__private::serde::Serialize for HistoryPage {
        fn serialize<S: rt::__private::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
            let mut m = rt::wire::struct_ser::begin(s, "HistoryPage", 1, &[self.total_count.is_some()])?;
            rt::wire::struct_ser::optional(&mut m, "TotalCount", &self.total_count)?;
            rt::wire::struct_ser::field(&mut m, "HistoryEntries", &self.entries)?;
            rt::__private::serde::ser::SerializeStruct::end(m)
        }
    }
    impl<'de> rt::__private::serde::Deserialize<'de> for HistoryPage {
        fn deserialize<D: rt::__private::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
            rt::wire::struct_de::deserialize(d)
        }
    }
    impl rt::wire::struct_de::StructDe for HistoryPage {
        const NAME: &'static str = "HistoryPage";
        const KEYS: &'static [&'static str] = &["TotalCount", "HistoryEntries"];
        type Slots = (::std::option::Option<::std::option::Option<i64>>, ::std::option::Option<::std::vec::Vec<HistoryEntry>>,);
        fn set<'de, A: rt::__private::serde::de::MapAccess<'de>>(s: &mut Self::Slots, key: usize, m: &mut A) -> ::std::result::Result<(), A::Error> {
            match key {
                0 => rt::wire::struct_de::value(&mut s.0, m),
                1 => rt::wire::struct_de::value(&mut s.1, m),
                _ => ::std::result::Result::Ok(()),
            }
        }
        fn build<E: rt::__private::serde::de::Error>(s: Self::Slots) -> ::std::result::Result<Self, E> {
            ::std::result::Result::Ok(HistoryPage {
                total_count: s.0.flatten(),
                entries: rt::wire::struct_de::required(s.1, "HistoryEntries")?,
            })
        }
    }
    impl rt::wire::Wire for HistoryPage {
        fn kind() -> rt::wire::Kind {
            static SHAPE: rt::wire::Shape = rt::wire::Shape {
                name: "HistoryPage",
                fields: &[
                    rt::wire::Field::element("TotalCount", <i64 as rt::wire::Wire>::kind).optional(),
                    rt::wire::Field::element("HistoryEntries", <::std::vec::Vec<HistoryEntry> as rt::wire::Wire>::kind).item("HistoryEntry")
                ],
                plain_json: false,
            };
            rt::wire::Kind::Struct(|| &SHAPE)
        }
    }
    /// One change to a record or media object.
    ///
    /// *Assumption: not from the API's public documentation.*
    #[derive(Clone, Debug, PartialEq)]
    pub struct HistoryEntry {
        /// `ID`.
        pub id: i64,
        /// `RecordID`.
        pub record_id: ::std::option::Option<i64>,
        /// `MediaID`.
        pub media_id: ::std::option::Option<i64>,
        /// `create`, `edit` or `delete`.
        ///
        /// Wire name `Type`.
        pub change: ::std::string::String,
        /// `UserID`.
        pub user_id: i64,
        /// `ModifiedDate`.
        pub modified_date: ::std::string::String,
        /// `Description`.
        pub description: ::std::option::Option<::std::string::String>,
    }
    impl rt::__private::serde::Serialize for HistoryEntry {
        fn serialize<S: rt::__private::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
            let mut m = rt::wire::struct_ser::begin(s, "HistoryEntry", 4, &[self.record_id.is_some(), self.media_id.is_some(), self.description.is_some()])?;
            rt::wire::struct_ser::field(&mut m, "ID", &self.id)?;
            rt::wire::struct_ser::optional(&mut m, "RecordID", &self.record_id)?;
            rt::wire::struct_ser::optional(&mut m, "MediaID", &self.media_id)?;
            rt::wire::struct_ser::field(&mut m, "Type", &self.change)?;
            rt::wire::struct_ser::field(&mut m, "UserID", &self.user_id)?;
            rt::wire::struct_ser::field(&mut m, "ModifiedDate", &self.modified_date)?;
            rt::wire::struct_ser::optional(&mut m, "Description", &self.description)?;
            rt::__private::serde::ser::SerializeStruct::end(m)
        }
    }
    impl<'de> rt::__private::serde::Deserialize<'de> for HistoryEntry {
        fn deserialize<D: rt::__private::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
            rt::wire::struct_de::deserialize(d)
        }
    }
    impl rt::wire::struct_de::StructDe for HistoryEntry {
        const NAME: &'static str = "HistoryEntry";
        const KEYS: &'static [&'static str] = &["ID", "RecordID", "MediaID", "Type", "UserID", "ModifiedDate", "Description"];
        type Slots = (::std::option::Option<i64>, ::std::option::Option<::std::option::Option<i64>>, ::std::option::Option<::std::option::Option<i64>>, ::std::option::Option<::std::string::String>, ::std::option::Option<i64>, ::std::option::Option<::std::string::String>, ::std::option::Option<::std::option::Option<::std::string::String>>,);
        fn set<'de, A: rt::__private::serde::de::MapAccess<'de>>(s: &mut Self::Slots, key: usize, m: &mut A) -> ::std::result::Result<(), A::Error> {
            match key {
                0 => rt::wire::struct_de::value(&mut s.0, m),
                1 => rt::wire::struct_de::value(&mut s.1, m),
                2 => rt::wire::struct_de::value(&mut s.2, m),
                3 => rt::wire::struct_de::value(&mut s.3, m),
                4 => rt::wire::struct_de::value(&mut s.4, m),
                5 => rt::wire::struct_de::value(&mut s.5, m),
                6 => rt::wire::struct_de::value(&mut s.6, m),
                _ => ::std::result::Result::Ok(()),
            }
        }
        fn build<E: rt::__private::serde::de::Error>(s: Self::Slots) -> ::std::result::Result<Self, E> {
            ::std::result::Result::Ok(HistoryEntry {
                id: rt::wire::struct_de::required(s.0, "ID")?,
                record_id: s.1.flatten(),
                media_id: s.2.flatten(),
                change: rt::wire::struct_de::required(s.3, "Type")?,
                user_id: rt::wire::struct_de::required(s.4, "UserID")?,
                modified_date: rt::wire::struct_de::required(s.5, "ModifiedDate")?,
                description: s.6.flatten(),
            })
        }
    }
    impl rt::wire::Wire for HistoryEntry {
        fn kind() -> rt::wire::Kind {
            static SHAPE: rt::wire::Shape = rt::wire::Shape {
                name: "HistoryEntry",
                fields: &[
                    rt::wire::Field::element("ID", <i64 as rt::wire::Wire>::kind),
                    rt::wire::Field::element("RecordID", <i64 as rt::wire::Wire>::kind).optional(),
                    rt::wire::Field::element("MediaID", <i64 as rt::wire::Wire>::kind).optional(),
                    rt::wire::Field::element("Type", <::std::string::String as rt::wire::Wire>::kind),
                    rt::wire::Field::element("UserID", <i64 as rt::wire::Wire>::kind),
                    rt::wire::Field::element("ModifiedDate", <::std::string::String as rt::wire::Wire>::kind),
                    rt::wire::Field::element("Description", <::std::string::String as rt::wire::Wire>::kind).optional()
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
    pub const HOST: &str = "web";
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
        oob_title: ::std::option::Option::Some(::imagen_runtime::oauth::OobTitle {
            success: "Success",
            denied: "Denied"
        }),
    };
}
/// Setters for the `imagen` API's hosts on a [`SessionBuilder`](::imagen_runtime::SessionBuilder): `use` it to call them.
pub trait HostUrls: ::std::marker::Sized {
    /// The base URL of host `mcc`: MediaControlCentre REST host (`/core/v1`, `/imcc/v1`), e.g. `https://mcc.example.com:83`.
    ///
    /// The same as `host("mcc", url)`.
    fn mcc_url(self, url: impl ::std::convert::Into<::std::string::String>) -> Self;
    /// The base URL of host `web`: ImagenWeb host (OAuth consent pages, `/iweb/v1`), e.g. `https://imagen.example.com`.
    ///
    /// The same as `host("web", url)`.
    fn web_url(self, url: impl ::std::convert::Into<::std::string::String>) -> Self;
}
impl HostUrls for ::imagen_runtime::SessionBuilder {
    fn mcc_url(self, url: impl ::std::convert::Into<::std::string::String>) -> Self {
        self.host("mcc", url)
    }
    fn web_url(self, url: impl ::std::convert::Into<::std::string::String>) -> Self {
        self.host("web", url)
    }
}
/// Where the `imagen` API's credentials and host URLs come from: `IMAGEN_API_KEY`, `IMAGEN_API_SECRET` and each host's variable (see `Client::session_from_env`).
pub static ENVIRONMENT: ::imagen_runtime::Environment = ::imagen_runtime::Environment {
    key_var: "IMAGEN_API_KEY",
    secret_var: "IMAGEN_API_SECRET",
    hosts: &[
        ::imagen_runtime::HostSpec {
            key: "mcc",
            env: ::std::option::Option::Some("IMAGEN_MCC_URL"),
            default_url: ::std::option::Option::None
        },
        ::imagen_runtime::HostSpec {
            key: "web",
            env: ::std::option::Option::Some("IMAGEN_WEB_URL"),
            default_url: ::std::option::Option::None
        }
    ],
    file: ::std::option::Option::Some(::imagen_runtime::FileSpec {
        wrapper: ::std::option::Option::Some("Application"),
        key: "APIKey",
        secret: "SecretAccessKey",
        hosts: &[("mcc", "MCCURL"), ("web", "WebURL")],
    }),
};
/// Every endpoint of the `imagen` API, in the description's order.
pub static ENDPOINTS: &[&::imagen_runtime::endpoint::Endpoint] = &[
    &application::endpoints::GET,
    &records::endpoints::SEARCH,
    &records::endpoints::GET,
    &web::endpoints::SEARCH,
    &import::endpoints::RECORDS,
    &import::endpoints::RECORDS_WITH_MAPPING,
    &import::endpoints::STATUS,
    &import::endpoints::DELETE,
    &jobs::endpoints::CREATE,
    &media::endpoints::DELETE,
    &workflows::endpoints::LIST,
    &profiles::endpoints::LIST,
    &user::endpoints::CURRENT,
    &rights::endpoints::LIST,
    &history::endpoints::LIST
];
/// A client for the `imagen` API.
///
/// Imagen (Imagen Ltd) media asset management — MediaControlCentre and ImagenWeb REST resources.
///
/// `S` is the application's scope set (declare it with `scopes!`), `A` the authentication kind: `AppContext` (signed with the API key and secret) or `UserContext` (acting for a user with an OAuth 2.0 token). Calling an endpoint the scope set or the authentication kind doesn't allow does not compile.
///
/// Hosts:
/// - `mcc` (`IMAGEN_MCC_URL`): MediaControlCentre REST host (`/core/v1`, `/imcc/v1`), e.g. `https://mcc.example.com:83`.
/// - `web` (`IMAGEN_WEB_URL`): ImagenWeb host (OAuth consent pages, `/iweb/v1`), e.g. `https://imagen.example.com`.
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
    /// Asks the server which scopes the application was granted (`application.get`, `GET /core/v1/application`, signed) and fails with `OAuthError::ScopesNotGranted` (as `Error::OAuth`) naming every declared scope that is missing (implications count).
    pub async fn verify_scopes(&self) -> ::std::result::Result<(), ::imagen_runtime::Error> {
        let app: Client<S, ::imagen_runtime::scope::AppContext> = Client {
            session: self.session.application_context(),
            _marker: ::std::marker::PhantomData,
        };
        let answer = app.application().get().send().await?;
        let granted: ::std::vec::Vec<::std::string::String> = ::std::iter::once(&answer).flat_map(|x| x.scopes.iter().flatten()).map(|x| &x.name).map(|s| s.to_string()).collect();
        ::imagen_runtime::scope::check_granted(&granted, S::NAMES, scopes::IMPLIED)
    }
    /// The calling application.
    pub fn application(&self) -> application::Application<'_, S, A> {
        application::Application {
            client: self
        }
    }
    /// Records in MediaControlCentre.
    pub fn records(&self) -> records::Records<'_, S, A> {
        records::Records {
            client: self
        }
    }
    /// ImagenWeb's own resources.
    pub fn web(&self) -> web::Web<'_, S, A> {
        web::Web {
            client: self
        }
    }
    /// Record import.
    pub fn import(&self) -> import::Import<'_, S, A> {
        import::Import {
            client: self
        }
    }
    /// Media processing jobs.
    pub fn jobs(&self) -> jobs::Jobs<'_, S, A> {
        jobs::Jobs {
            client: self
        }
    }
    /// Media objects.
    pub fn media(&self) -> media::Media<'_, S, A> {
        media::Media {
            client: self
        }
    }
    /// Workflows.
    pub fn workflows(&self) -> workflows::Workflows<'_, S, A> {
        workflows::Workflows {
            client: self
        }
    }
    /// Media profiles.
    pub fn profiles(&self) -> profiles::Profiles<'_, S, A> {
        profiles::Profiles {
            client: self
        }
    }
    /// The authorizing user.
    pub fn user(&self) -> user::User<'_, S, A> {
        user::User {
            client: self
        }
    }
    /// The rights users can hold.
    pub fn rights(&self) -> rights::Rights<'_, S, A> {
        rights::Rights {
            client: self
        }
    }
    /// Change history of records and media.
    pub fn history(&self) -> history::History<'_, S, A> {
        history::History {
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
/// The calling application.
///
/// Reached through `Client::application()`.
pub mod application {
    #![allow(clippy::type_complexity)]
    use ::imagen_runtime as rt;
    /// The `application` resource's endpoints, borrowed from a [`Client`](super::Client).
    pub struct Application<'c, S, A> {
        pub(super) client: &'c super::Client<S, A>,
    }
    impl<'c, S: rt::scope::ScopeSet, A> Application<'c, S, A> {
        /// The calling application, with the scopes an administrator granted it.
        ///
        /// `GET /core/v1/application` on host `mcc`.
        ///
        /// - Authentication: application context (signed with the API key and secret).
        /// - Scopes: none.
        /// - Answers: XML (`Response/Application`) or JSON (`Application`).
        pub fn get(&self) -> Get
        where
            A: rt::scope::ActsForApplication<Get>,
        {
            Get(self.client.session.request(&endpoints::GET, &[]))
        }
    }
    /// A `application.get` request, made by [`Application::get`]: set optional parameters, then `.send().await`.
    #[must_use = "a request does nothing until it is sent: call `.send().await`"]
    pub struct Get(rt::Request<super::types::Application>);
    impl Get {
        /// Sends the request and decodes the answer: `.send().await`.
        #[inline]
        pub fn send(self) -> rt::Pending<super::types::Application> {
            self.0.send()
        }
    }
    /// What the runtime sends for each endpoint of `application`: one [`Endpoint`](rt::endpoint::Endpoint) per endpoint, as data.
    pub mod endpoints {
        use super::rt::endpoint::{Auth, Endpoint, Method};
        use super::rt::wire::Format;
        /// `application.get`: `GET /core/v1/application`.
        pub static GET: Endpoint = Endpoint {
            name: "application.get",
            method: Method::Get,
            host: "mcc",
            path: "/core/v1/application",
            auth: Auth::Application,
            envelope: Some("Application"),
            xml: Some("Response/Application"),
            formats: &[Format::Xml, Format::Json],
            ..Endpoint::BASE
        };
    }
}
/// Records in MediaControlCentre.
///
/// Reached through `Client::records()`.
pub mod records {
    #![allow(clippy::type_complexity)]
    use ::imagen_runtime as rt;
    /// The `records` resource's endpoints, borrowed from a [`Client`](super::Client).
    pub struct Records<'c, S, A> {
        pub(super) client: &'c super::Client<S, A>,
    }
    impl<'c, S: rt::scope::ScopeSet, A> Records<'c, S, A> {
        /// Search records with an Imagen Query Language query.
        ///
        /// `GET /imcc/v1/record/search` on host `mcc`.
        ///
        /// - Authentication: user context (OAuth 2.0 access token).
        /// - Scopes: `readUsersData`.
        /// - `query`, in the query: An Imagen Query Language query, e.g. `WHERE Title="Zoë" LIMIT 10`.
        /// - Answers: XML (`Records`).
        pub fn search(&self, query: &str) -> Search
        where
            S: super::scopes::Grants<super::scopes::ReadUsersData, Search>,
            A: rt::scope::ActsForUser<Search>,
        {
            Search(self.client.session.request(&endpoints::SEARCH, &[]).query("query", query))
        }
        /// One record by ID, in application or user context.
        ///
        /// `GET /imcc/v1/record/{recordId}` on host `mcc`.
        ///
        /// - Authentication: application or user context.
        /// - Scopes: `readUsersData`.
        /// - `record_id` (`recordId`), in the path
        /// - Answers: XML (`Response/ImagenRecord`).
        ///
        /// *Assumption: not from the API's public documentation.*
        pub fn get(&self, record_id: i64) -> Get
        where
            S: super::scopes::Grants<super::scopes::ReadUsersData, Get>,
        {
            Get(self.client.session.request(&endpoints::GET, &[&record_id]))
        }
    }
    /// A `records.search` request, made by [`Records::search`]: set optional parameters, then `.send().await`.
    #[must_use = "a request does nothing until it is sent: call `.send().await`"]
    pub struct Search(rt::Request<super::types::SearchResult>);
    impl Search {
        /// Sets `timeout`: Seconds to wait for the search.
        #[inline]
        pub fn timeout(self, value: i32) -> Self {
            Self(self.0.query("timeout", value))
        }
        /// Sets `numRecords`: Records per page.
        #[inline]
        pub fn num_records(self, value: i32) -> Self {
            Self(self.0.query("numRecords", value))
        }
        /// Sets `start`: Index of the first record; needs `searchID`.
        #[inline]
        pub fn start(self, value: i32) -> Self {
            Self(self.0.query("start", value))
        }
        /// Sets `searchID`: The search to page through.
        #[inline]
        pub fn search_id(self, value: &str) -> Self {
            Self(self.0.query("searchID", value))
        }
        /// Sets `includeMedia`: Include media objects.
        #[inline]
        pub fn include_media(self, value: bool) -> Self {
            Self(self.0.query("includeMedia", value))
        }
        /// Every page of the answer, as a `Stream` of pages: one request per page, the pager setting `start`, `numRecords`, `searchID` from the answers; stops at `total_hits` items (else at a short or empty page). Each page is sent like `send` (retries, errors); the first error ends the stream with it.
        ///
        /// *Assumption: not from the API's public documentation.*
        #[inline]
        pub fn pages(self) -> rt::paging::Pages<super::types::SearchResult> {
            self.0.pages(|p| rt::paging::PageView {
                items: p.records.len(),
                total: u64::try_from(p.total_hits).ok(),
                cursor: Some(p.search_id.as_str())
            })
        }
        /// The items of every page (`records`), as a `Stream`: see [`pages`](Self::pages).
        #[inline]
        pub fn items(self) -> rt::paging::Items<super::types::Record> {
            rt::paging::Items::new(self.pages(), |p| p.records)
        }
        /// Sends the request and decodes the answer: `.send().await`.
        #[inline]
        pub fn send(self) -> rt::Pending<super::types::SearchResult> {
            self.0.send()
        }
    }
    /// A `records.get` request, made by [`Records::get`]: set optional parameters, then `.send().await`.
    #[must_use = "a request does nothing until it is sent: call `.send().await`"]
    pub struct Get(rt::Request<super::types::Record>);
    impl Get {
        /// Sends the request and decodes the answer: `.send().await`.
        #[inline]
        pub fn send(self) -> rt::Pending<super::types::Record> {
            self.0.send()
        }
    }
    /// What the runtime sends for each endpoint of `records`: one [`Endpoint`](rt::endpoint::Endpoint) per endpoint, as data.
    pub mod endpoints {
        use super::rt::endpoint::{Auth, Endpoint, Method};
        use super::rt::wire::Format;
        /// `records.search`: `GET /imcc/v1/record/search`.
        pub static SEARCH: Endpoint = Endpoint {
            name: "records.search",
            method: Method::Get,
            host: "mcc",
            path: "/imcc/v1/record/search",
            auth: Auth::User,
            scopes: &["readUsersData"],
            xml: Some("Records"),
            formats: &[Format::Xml],
            paging: Some(super::rt::paging::Paging {
                style: super::rt::paging::Style::Offset,
                start: Some("start"),
                size: Some("numRecords"),
                max_size: None,
                base: 0u64,
                cursor: Some("searchID"),
                ask_total: None,
            }),
            ..Endpoint::BASE
        };
        /// `records.get`: `GET /imcc/v1/record/{recordId}`.
        pub static GET: Endpoint = Endpoint {
            name: "records.get",
            method: Method::Get,
            host: "mcc",
            path: "/imcc/v1/record/{recordId}",
            auth: Auth::Any,
            scopes: &["readUsersData"],
            xml: Some("Response/ImagenRecord"),
            formats: &[Format::Xml],
            ..Endpoint::BASE
        };
    }
}
/// ImagenWeb's own resources.
///
/// Reached through `Client::web()`.
pub mod web {
    #![allow(clippy::type_complexity)]
    use ::imagen_runtime as rt;
    /// The `web` resource's endpoints, borrowed from a [`Client`](super::Client).
    pub struct Web<'c, S, A> {
        pub(super) client: &'c super::Client<S, A>,
    }
    impl<'c, S: rt::scope::ScopeSet, A> Web<'c, S, A> {
        /// Search records through ImagenWeb; the answer names the calling user.
        ///
        /// `GET /iweb/v1/search` on host `web`.
        ///
        /// - Authentication: user context (OAuth 2.0 access token).
        /// - Scopes: `readUsersData`.
        /// - `query`, in the query: An Imagen Query Language query (operators `=`, `!=`, `<`, `>`).
        /// - Answers: XML (`Records`) or JSON.
        pub fn search(&self, query: &str) -> Search
        where
            S: super::scopes::Grants<super::scopes::ReadUsersData, Search>,
            A: rt::scope::ActsForUser<Search>,
        {
            Search(self.client.session.request(&endpoints::SEARCH, &[]).query("query", query))
        }
    }
    /// A `web.search` request, made by [`Web::search`]: set optional parameters, then `.send().await`.
    #[must_use = "a request does nothing until it is sent: call `.send().await`"]
    pub struct Search(rt::Request<super::types::WebSearchResult>);
    impl Search {
        /// Sets `timeout`.
        #[inline]
        pub fn timeout(self, value: i32) -> Self {
            Self(self.0.query("timeout", value))
        }
        /// Sets `numRecords`.
        #[inline]
        pub fn num_records(self, value: i32) -> Self {
            Self(self.0.query("numRecords", value))
        }
        /// Sets `start`: Index of the first record; needs `searchID`.
        #[inline]
        pub fn start(self, value: i32) -> Self {
            Self(self.0.query("start", value))
        }
        /// Sets `searchID`.
        #[inline]
        pub fn search_id(self, value: &str) -> Self {
            Self(self.0.query("searchID", value))
        }
        /// Sets `includeMedia`.
        #[inline]
        pub fn include_media(self, value: bool) -> Self {
            Self(self.0.query("includeMedia", value))
        }
        /// Every page of the answer, as a `Stream` of pages: one request per page, the pager setting `start`, `numRecords`, `searchID` from the answers; stops at `total_hits` items (else at a short or empty page). Each page is sent like `send` (retries, errors); the first error ends the stream with it.
        ///
        /// *Assumption: not from the API's public documentation.*
        #[inline]
        pub fn pages(self) -> rt::paging::Pages<super::types::WebSearchResult> {
            self.0.pages(|p| rt::paging::PageView {
                items: p.records.len(),
                total: u64::try_from(p.total_hits).ok(),
                cursor: Some(p.search_id.as_str())
            })
        }
        /// The items of every page (`records`), as a `Stream`: see [`pages`](Self::pages).
        #[inline]
        pub fn items(self) -> rt::paging::Items<super::types::Record> {
            rt::paging::Items::new(self.pages(), |p| p.records)
        }
        /// Sends the request and decodes the answer: `.send().await`.
        #[inline]
        pub fn send(self) -> rt::Pending<super::types::WebSearchResult> {
            self.0.send()
        }
    }
    /// What the runtime sends for each endpoint of `web`: one [`Endpoint`](rt::endpoint::Endpoint) per endpoint, as data.
    pub mod endpoints {
        use super::rt::endpoint::{Auth, Endpoint, Method};
        use super::rt::wire::Format;
        /// `web.search`: `GET /iweb/v1/search`.
        pub static SEARCH: Endpoint = Endpoint {
            name: "web.search",
            method: Method::Get,
            host: "web",
            path: "/iweb/v1/search",
            auth: Auth::User,
            scopes: &["readUsersData"],
            xml: Some("Records"),
            formats: &[Format::Xml, Format::Json],
            paging: Some(super::rt::paging::Paging {
                style: super::rt::paging::Style::Offset,
                start: Some("start"),
                size: Some("numRecords"),
                max_size: None,
                base: 0u64,
                cursor: Some("searchID"),
                ask_total: None,
            }),
            ..Endpoint::BASE
        };
    }
}
/// Record import.
///
/// Reached through `Client::import()`.
pub mod import {
    #![allow(clippy::type_complexity)]
    use ::imagen_runtime as rt;
    /// The `import` resource's endpoints, borrowed from a [`Client`](super::Client).
    pub struct Import<'c, S, A> {
        pub(super) client: &'c super::Client<S, A>,
    }
    impl<'c, S: rt::scope::ScopeSet, A> Import<'c, S, A> {
        /// Import records in Imagen XML (the `NativeImagenXML` mapping); each new record starts a job (at most about 6000 jobs at a time).
        ///
        /// `PUT /imcc/v1/import/record/NativeImagenXML` on host `mcc`.
        ///
        /// - Authentication: user context (OAuth 2.0 access token).
        /// - Scopes: `modifyUsersData`.
        /// - `body`: The records in Imagen XML.
        /// - Answers: XML (`Response/DatabaseJob`).
        /// - Not idempotent: never sent again once it may have reached the server; an unknown outcome is `Error::OutcomeUnknown`. Before importing again, look for the records (e.g. `records().search()` on a field such as `guid` that you set), or poll `import().status(guid)` if you have the task's GUID.
        pub fn records(&self, body: &super::types::ImportDocument) -> Records
        where
            S: super::scopes::Grants<super::scopes::ModifyUsersData, Records>,
            A: rt::scope::ActsForUser<Records>,
        {
            Records(self.client.session.request(&endpoints::RECORDS, &[]).xml_document(body, "Records"))
        }
        /// Import records from an XML document through a mapping file.
        ///
        /// `PUT /imcc/v1/import/record/{mapping}` on host `mcc`.
        ///
        /// - Authentication: user context (OAuth 2.0 access token).
        /// - Scopes: `modifyUsersData`.
        /// - `mapping`, in the path: The mapping file that converts the document (`NativeImagenXML` is the native one).
        /// - `body`: The document in the mapping's source format.
        /// - Answers: XML (`Response/DatabaseJob`).
        /// - Not idempotent: never sent again once it may have reached the server; an unknown outcome is `Error::OutcomeUnknown`. Before importing again, look for the records it would have created or updated.
        pub fn records_with_mapping(&self, mapping: &str, body: impl ::std::convert::Into<::std::string::String>) -> RecordsWithMapping
        where
            S: super::scopes::Grants<super::scopes::ModifyUsersData, RecordsWithMapping>,
            A: rt::scope::ActsForUser<RecordsWithMapping>,
        {
            RecordsWithMapping(self.client.session.request(&endpoints::RECORDS_WITH_MAPPING, &[&mapping]).xml(body))
        }
        /// Progress of an import task; readable only with the token that started it.
        ///
        /// `GET /imcc/v1/import/record/{GUID}` on host `mcc`.
        ///
        /// - Authentication: user context (OAuth 2.0 access token).
        /// - Scopes: `readUsersData`.
        /// - `guid` (`GUID`), in the path
        /// - Answers: XML (`Response/DatabaseJob`).
        pub fn status(&self, guid: &str) -> Status
        where
            S: super::scopes::Grants<super::scopes::ReadUsersData, Status>,
            A: rt::scope::ActsForUser<Status>,
        {
            Status(self.client.session.request(&endpoints::STATUS, &[&guid]))
        }
        /// Removes an import task (only with the token that created it) and answers its state before; an import that had not started is stopped, a running one still completes.
        ///
        /// `DELETE /imcc/v1/import/record/{GUID}` on host `mcc`.
        ///
        /// - Authentication: user context (OAuth 2.0 access token).
        /// - Scopes: `modifyUsersData`.
        /// - `guid` (`GUID`), in the path
        /// - Answers: XML (`Response/DatabaseJob`).
        pub fn delete(&self, guid: &str) -> Delete
        where
            S: super::scopes::Grants<super::scopes::ModifyUsersData, Delete>,
            A: rt::scope::ActsForUser<Delete>,
        {
            Delete(self.client.session.request(&endpoints::DELETE, &[&guid]))
        }
    }
    /// A `import.records` request, made by [`Import::records`]: set optional parameters, then `.send().await`.
    #[must_use = "a request does nothing until it is sent: call `.send().await`"]
    pub struct Records(rt::Request<super::types::DatabaseJob>);
    impl Records {
        /// Sets `workflow`: A workflow name or ID; media are processed only when one is given.
        #[inline]
        pub fn workflow(self, value: &str) -> Self {
            Self(self.0.query("workflow", value))
        }
        /// Sets `searchfield`: Update the record whose field of this name matches the imported value (e.g. `guid`) instead of matching by record ID.
        #[inline]
        pub fn search_field(self, value: &str) -> Self {
            Self(self.0.query("searchfield", value))
        }
        /// Sets `matchMediaBy`: `{id|name},{allownew|disallowNew}`: whether a new media object may be created when one already matches.
        #[inline]
        pub fn match_media_by(self, value: &str) -> Self {
            Self(self.0.query("matchMediaBy", value))
        }
        /// Sets `timeout`: Seconds to wait for the import before a progress answer; without it (or below 0) the server answers only when the import has finished.
        #[inline]
        pub fn timeout(self, value: i32) -> Self {
            Self(self.0.query("timeout", value))
        }
        /// Sets `onlyProcessNew`: Don't reprocess media identical to the existing file.
        #[inline]
        pub fn only_process_new(self, value: bool) -> Self {
            Self(self.0.query("onlyProcessNew", u8::from(value)))
        }
        /// Sets `X-Imagen-Pathprefix`: Prepended as plain text to each `OriginalFile` (UNC, local path, HTTP or HTTPS URL).
        #[inline]
        pub fn path_prefix(self, value: &str) -> Self {
            Self(self.0.header("X-Imagen-Pathprefix", value))
        }
        /// Sends the request and decodes the answer: `.send().await`.
        #[inline]
        pub fn send(self) -> rt::Pending<super::types::DatabaseJob> {
            self.0.send()
        }
    }
    /// A `import.records_with_mapping` request, made by [`Import::records_with_mapping`]: set optional parameters, then `.send().await`.
    #[must_use = "a request does nothing until it is sent: call `.send().await`"]
    pub struct RecordsWithMapping(rt::Request<super::types::DatabaseJob>);
    impl RecordsWithMapping {
        /// Sets `workflow`: A workflow name or ID; media are processed only when one is given.
        #[inline]
        pub fn workflow(self, value: &str) -> Self {
            Self(self.0.query("workflow", value))
        }
        /// Sets `searchfield`: Update the record whose field of this name matches the imported value (e.g. `guid`) instead of matching by record ID.
        #[inline]
        pub fn search_field(self, value: &str) -> Self {
            Self(self.0.query("searchfield", value))
        }
        /// Sets `matchMediaBy`: `{id|name},{allownew|disallowNew}`: whether a new media object may be created when one already matches.
        #[inline]
        pub fn match_media_by(self, value: &str) -> Self {
            Self(self.0.query("matchMediaBy", value))
        }
        /// Sets `timeout`: Seconds to wait for the import before a progress answer; without it (or below 0) the server answers only when the import has finished.
        #[inline]
        pub fn timeout(self, value: i32) -> Self {
            Self(self.0.query("timeout", value))
        }
        /// Sets `onlyProcessNew`: Don't reprocess media identical to the existing file.
        #[inline]
        pub fn only_process_new(self, value: bool) -> Self {
            Self(self.0.query("onlyProcessNew", u8::from(value)))
        }
        /// Sets `X-Imagen-Pathprefix`: Prepended as plain text to each `OriginalFile` (UNC, local path, HTTP or HTTPS URL).
        #[inline]
        pub fn path_prefix(self, value: &str) -> Self {
            Self(self.0.header("X-Imagen-Pathprefix", value))
        }
        /// Sends the request and decodes the answer: `.send().await`.
        #[inline]
        pub fn send(self) -> rt::Pending<super::types::DatabaseJob> {
            self.0.send()
        }
    }
    /// A `import.status` request, made by [`Import::status`]: set optional parameters, then `.send().await`.
    #[must_use = "a request does nothing until it is sent: call `.send().await`"]
    pub struct Status(rt::Request<super::types::DatabaseJob>);
    impl Status {
        /// Sets `timeout`: Seconds to wait for progress.
        #[inline]
        pub fn timeout(self, value: i32) -> Self {
            Self(self.0.query("timeout", value))
        }
        /// Sends the request and decodes the answer: `.send().await`.
        #[inline]
        pub fn send(self) -> rt::Pending<super::types::DatabaseJob> {
            self.0.send()
        }
    }
    /// A `import.delete` request, made by [`Import::delete`]: set optional parameters, then `.send().await`.
    #[must_use = "a request does nothing until it is sent: call `.send().await`"]
    pub struct Delete(rt::Request<super::types::DatabaseJob>);
    impl Delete {
        /// Sends the request and decodes the answer: `.send().await`.
        #[inline]
        pub fn send(self) -> rt::Pending<super::types::DatabaseJob> {
            self.0.send()
        }
    }
    /// What the runtime sends for each endpoint of `import`: one [`Endpoint`](rt::endpoint::Endpoint) per endpoint, as data.
    pub mod endpoints {
        use super::rt::endpoint::{Auth, Endpoint, Method};
        use super::rt::wire::Format;
        /// `import.records`: `PUT /imcc/v1/import/record/NativeImagenXML`.
        pub static RECORDS: Endpoint = Endpoint {
            name: "import.records",
            method: Method::Put,
            host: "mcc",
            path: "/imcc/v1/import/record/NativeImagenXML",
            auth: Auth::User,
            scopes: &["modifyUsersData"],
            xml: Some("Response/DatabaseJob"),
            formats: &[Format::Xml],
            idempotent: false,
            outcome_hint: Some("Before importing again, look for the records (e.g. `records().search()` on a field such as `guid` that you set), or poll `import().status(guid)` if you have the task's GUID."),
            ..Endpoint::BASE
        };
        /// `import.records_with_mapping`: `PUT /imcc/v1/import/record/{mapping}`.
        pub static RECORDS_WITH_MAPPING: Endpoint = Endpoint {
            name: "import.records_with_mapping",
            method: Method::Put,
            host: "mcc",
            path: "/imcc/v1/import/record/{mapping}",
            auth: Auth::User,
            scopes: &["modifyUsersData"],
            xml: Some("Response/DatabaseJob"),
            formats: &[Format::Xml],
            idempotent: false,
            outcome_hint: Some("Before importing again, look for the records it would have created or updated."),
            ..Endpoint::BASE
        };
        /// `import.status`: `GET /imcc/v1/import/record/{GUID}`.
        pub static STATUS: Endpoint = Endpoint {
            name: "import.status",
            method: Method::Get,
            host: "mcc",
            path: "/imcc/v1/import/record/{GUID}",
            auth: Auth::User,
            scopes: &["readUsersData"],
            xml: Some("Response/DatabaseJob"),
            formats: &[Format::Xml],
            ..Endpoint::BASE
        };
        /// `import.delete`: `DELETE /imcc/v1/import/record/{GUID}`.
        pub static DELETE: Endpoint = Endpoint {
            name: "import.delete",
            method: Method::Delete,
            host: "mcc",
            path: "/imcc/v1/import/record/{GUID}",
            auth: Auth::User,
            scopes: &["modifyUsersData"],
            xml: Some("Response/DatabaseJob"),
            formats: &[Format::Xml],
            ..Endpoint::BASE
        };
    }
}
/// Media processing jobs.
///
/// Reached through `Client::jobs()`.
pub mod jobs {
    #![allow(clippy::type_complexity)]
    use ::imagen_runtime as rt;
    /// The `jobs` resource's endpoints, borrowed from a [`Client`](super::Client).
    pub struct Jobs<'c, S, A> {
        pub(super) client: &'c super::Client<S, A>,
    }
    impl<'c, S: rt::scope::ScopeSet, A> Jobs<'c, S, A> {
        /// Reprocess media with a workflow; answers the new job's GUID.
        ///
        /// `PUT /imcc/v1/job` on host `mcc`.
        ///
        /// - Authentication: user context (OAuth 2.0 access token).
        /// - Scopes: `createJobs`.
        /// - `body`: The job document.
        /// - Answers: XML (`Response/Result`).
        /// - Not idempotent: never sent again once it may have reached the server; an unknown outcome is `Error::OutcomeUnknown`. No job listing is documented: check the media's jobs in MediaControlCentre before submitting it again.
        ///
        /// *Assumption: not from the API's public documentation.*
        pub fn create(&self, body: &super::types::JobDocument) -> Create
        where
            S: super::scopes::Grants<super::scopes::CreateJobs, Create>,
            A: rt::scope::ActsForUser<Create>,
        {
            Create(self.client.session.request(&endpoints::CREATE, &[]).xml_document(body, "CISXMLDocument"))
        }
    }
    /// A `jobs.create` request, made by [`Jobs::create`]: set optional parameters, then `.send().await`.
    #[must_use = "a request does nothing until it is sent: call `.send().await`"]
    pub struct Create(rt::Request<::std::string::String>);
    impl Create {
        /// Sends the request and decodes the answer: `.send().await`.
        #[inline]
        pub fn send(self) -> rt::Pending<::std::string::String> {
            self.0.send()
        }
    }
    /// What the runtime sends for each endpoint of `jobs`: one [`Endpoint`](rt::endpoint::Endpoint) per endpoint, as data.
    pub mod endpoints {
        use super::rt::endpoint::{Auth, Endpoint, Method};
        use super::rt::wire::Format;
        /// `jobs.create`: `PUT /imcc/v1/job`.
        pub static CREATE: Endpoint = Endpoint {
            name: "jobs.create",
            method: Method::Put,
            host: "mcc",
            path: "/imcc/v1/job",
            auth: Auth::User,
            scopes: &["createJobs"],
            xml: Some("Response/Result"),
            formats: &[Format::Xml],
            idempotent: false,
            outcome_hint: Some("No job listing is documented: check the media's jobs in MediaControlCentre before submitting it again."),
            ..Endpoint::BASE
        };
    }
}
/// Media objects.
///
/// Reached through `Client::media()`.
pub mod media {
    #![allow(clippy::type_complexity)]
    use ::imagen_runtime as rt;
    /// The `media` resource's endpoints, borrowed from a [`Client`](super::Client).
    pub struct Media<'c, S, A> {
        pub(super) client: &'c super::Client<S, A>,
    }
    impl<'c, S: rt::scope::ScopeSet, A> Media<'c, S, A> {
        /// Delete a media object; answers `success`.
        ///
        /// `DELETE /imcc/v1/media/{mediaId}/{deleteSegments}` on host `mcc`.
        ///
        /// - Authentication: user context (OAuth 2.0 access token).
        /// - Scopes: `modifyUsersData`.
        /// - `media_id` (`mediaId`), in the path
        /// - `delete_segments` (`deleteSegments`), in the path: `true` to delete the segments linked to the media too.
        /// - Answers: XML (`Response/Result`) or JSON (`result`).
        pub fn delete(&self, media_id: i64, delete_segments: bool) -> Delete
        where
            S: super::scopes::Grants<super::scopes::ModifyUsersData, Delete>,
            A: rt::scope::ActsForUser<Delete>,
        {
            Delete(self.client.session.request(&endpoints::DELETE, &[&media_id, &u8::from(delete_segments)]))
        }
    }
    /// A `media.delete` request, made by [`Media::delete`]: set optional parameters, then `.send().await`.
    #[must_use = "a request does nothing until it is sent: call `.send().await`"]
    pub struct Delete(rt::Request<::std::string::String>);
    impl Delete {
        /// Sends the request and decodes the answer: `.send().await`.
        #[inline]
        pub fn send(self) -> rt::Pending<::std::string::String> {
            self.0.send()
        }
    }
    /// What the runtime sends for each endpoint of `media`: one [`Endpoint`](rt::endpoint::Endpoint) per endpoint, as data.
    pub mod endpoints {
        use super::rt::endpoint::{Auth, Endpoint, Method};
        use super::rt::wire::Format;
        /// `media.delete`: `DELETE /imcc/v1/media/{mediaId}/{deleteSegments}`.
        pub static DELETE: Endpoint = Endpoint {
            name: "media.delete",
            method: Method::Delete,
            host: "mcc",
            path: "/imcc/v1/media/{mediaId}/{deleteSegments}",
            auth: Auth::User,
            scopes: &["modifyUsersData"],
            envelope: Some("result"),
            xml: Some("Response/Result"),
            formats: &[Format::Xml, Format::Json],
            ..Endpoint::BASE
        };
    }
}
/// Workflows.
///
/// Reached through `Client::workflows()`.
pub mod workflows {
    #![allow(clippy::type_complexity)]
    use ::imagen_runtime as rt;
    /// The `workflows` resource's endpoints, borrowed from a [`Client`](super::Client).
    pub struct Workflows<'c, S, A> {
        pub(super) client: &'c super::Client<S, A>,
    }
    impl<'c, S: rt::scope::ScopeSet, A> Workflows<'c, S, A> {
        /// Workflows the user may start.
        ///
        /// `GET /imcc/v1/workflows` on host `mcc`.
        ///
        /// - Authentication: user context (OAuth 2.0 access token).
        /// - Scopes: `createJobs`.
        /// - Answers: XML (`Response/Workflows/Workflow`) or JSON (`Workflows/Workflow`).
        pub fn list(&self) -> List
        where
            S: super::scopes::Grants<super::scopes::CreateJobs, List>,
            A: rt::scope::ActsForUser<List>,
        {
            List(self.client.session.request(&endpoints::LIST, &[]))
        }
    }
    /// A `workflows.list` request, made by [`Workflows::list`]: set optional parameters, then `.send().await`.
    #[must_use = "a request does nothing until it is sent: call `.send().await`"]
    pub struct List(rt::Request<::std::vec::Vec<super::types::Workflow>>);
    impl List {
        /// Sends the request and decodes the answer: `.send().await`.
        #[inline]
        pub fn send(self) -> rt::Pending<::std::vec::Vec<super::types::Workflow>> {
            self.0.send()
        }
    }
    /// What the runtime sends for each endpoint of `workflows`: one [`Endpoint`](rt::endpoint::Endpoint) per endpoint, as data.
    pub mod endpoints {
        use super::rt::endpoint::{Auth, Endpoint, Method};
        use super::rt::wire::Format;
        /// `workflows.list`: `GET /imcc/v1/workflows`.
        pub static LIST: Endpoint = Endpoint {
            name: "workflows.list",
            method: Method::Get,
            host: "mcc",
            path: "/imcc/v1/workflows",
            auth: Auth::User,
            scopes: &["createJobs"],
            envelope: Some("Workflows/Workflow"),
            xml: Some("Response/Workflows/Workflow"),
            formats: &[Format::Xml, Format::Json],
            ..Endpoint::BASE
        };
    }
}
/// Media profiles.
///
/// Reached through `Client::profiles()`.
pub mod profiles {
    #![allow(clippy::type_complexity)]
    use ::imagen_runtime as rt;
    /// The `profiles` resource's endpoints, borrowed from a [`Client`](super::Client).
    pub struct Profiles<'c, S, A> {
        pub(super) client: &'c super::Client<S, A>,
    }
    impl<'c, S: rt::scope::ScopeSet, A> Profiles<'c, S, A> {
        /// The storage profiles of the installation.
        ///
        /// `GET /imcc/v1/profiles` on host `mcc`.
        ///
        /// - Authentication: none.
        /// - Scopes: none.
        /// - Answers: XML (`Response/Profiles/Profile`).
        pub fn list(&self) -> List {
            List(self.client.session.request(&endpoints::LIST, &[]))
        }
    }
    /// A `profiles.list` request, made by [`Profiles::list`]: set optional parameters, then `.send().await`.
    #[must_use = "a request does nothing until it is sent: call `.send().await`"]
    pub struct List(rt::Request<::std::vec::Vec<super::types::Profile>>);
    impl List {
        /// Sets `type`: Only profiles of this kind (the page lists `Original`, `Rendition`, `Temporary`; its example sends `video`).
        #[inline]
        pub fn profile_type(self, value: &str) -> Self {
            Self(self.0.query("type", value))
        }
        /// Sets `usage`: Only profiles for this use (the page lists `Video`, `Audio`, `Image`; its example sends `rendition`).
        #[inline]
        pub fn usage(self, value: &str) -> Self {
            Self(self.0.query("usage", value))
        }
        /// Sends the request and decodes the answer: `.send().await`.
        #[inline]
        pub fn send(self) -> rt::Pending<::std::vec::Vec<super::types::Profile>> {
            self.0.send()
        }
    }
    /// What the runtime sends for each endpoint of `profiles`: one [`Endpoint`](rt::endpoint::Endpoint) per endpoint, as data.
    pub mod endpoints {
        use super::rt::endpoint::{Auth, Endpoint, Method};
        use super::rt::wire::Format;
        /// `profiles.list`: `GET /imcc/v1/profiles`.
        pub static LIST: Endpoint = Endpoint {
            name: "profiles.list",
            method: Method::Get,
            host: "mcc",
            path: "/imcc/v1/profiles",
            auth: Auth::None,
            xml: Some("Response/Profiles/Profile"),
            formats: &[Format::Xml],
            ..Endpoint::BASE
        };
    }
}
/// The authorizing user.
///
/// Reached through `Client::user()`.
pub mod user {
    #![allow(clippy::type_complexity)]
    use ::imagen_runtime as rt;
    /// The `user` resource's endpoints, borrowed from a [`Client`](super::Client).
    pub struct User<'c, S, A> {
        pub(super) client: &'c super::Client<S, A>,
    }
    impl<'c, S: rt::scope::ScopeSet, A> User<'c, S, A> {
        /// The user who authorized the application.
        ///
        /// `GET /imcc/v1/user` on host `mcc`.
        ///
        /// - Authentication: user context (OAuth 2.0 access token).
        /// - Scopes: `readUsersData`.
        /// - Answers: XML (`Response/Result/User`).
        pub fn current(&self) -> Current
        where
            S: super::scopes::Grants<super::scopes::ReadUsersData, Current>,
            A: rt::scope::ActsForUser<Current>,
        {
            Current(self.client.session.request(&endpoints::CURRENT, &[]))
        }
    }
    /// A `user.current` request, made by [`User::current`]: set optional parameters, then `.send().await`.
    #[must_use = "a request does nothing until it is sent: call `.send().await`"]
    pub struct Current(rt::Request<super::types::User>);
    impl Current {
        /// Sends the request and decodes the answer: `.send().await`.
        #[inline]
        pub fn send(self) -> rt::Pending<super::types::User> {
            self.0.send()
        }
    }
    /// What the runtime sends for each endpoint of `user`: one [`Endpoint`](rt::endpoint::Endpoint) per endpoint, as data.
    pub mod endpoints {
        use super::rt::endpoint::{Auth, Endpoint, Method};
        use super::rt::wire::Format;
        /// `user.current`: `GET /imcc/v1/user`.
        pub static CURRENT: Endpoint = Endpoint {
            name: "user.current",
            method: Method::Get,
            host: "mcc",
            path: "/imcc/v1/user",
            auth: Auth::User,
            scopes: &["readUsersData"],
            xml: Some("Response/Result/User"),
            formats: &[Format::Xml],
            ..Endpoint::BASE
        };
    }
}
/// The rights users can hold.
///
/// Reached through `Client::rights()`.
pub mod rights {
    #![allow(clippy::type_complexity)]
    use ::imagen_runtime as rt;
    /// The `rights` resource's endpoints, borrowed from a [`Client`](super::Client).
    pub struct Rights<'c, S, A> {
        pub(super) client: &'c super::Client<S, A>,
    }
    impl<'c, S: rt::scope::ScopeSet, A> Rights<'c, S, A> {
        /// Every right of the installation, with its ID (an internal reference endpoint of the vendor).
        ///
        /// `GET /imcc/v1/rights` on host `mcc`.
        ///
        /// - Authentication: user context (OAuth 2.0 access token).
        /// - Scopes: `readUsersData`.
        /// - Answers: XML (`Response/Result/Right`).
        pub fn list(&self) -> List
        where
            S: super::scopes::Grants<super::scopes::ReadUsersData, List>,
            A: rt::scope::ActsForUser<List>,
        {
            List(self.client.session.request(&endpoints::LIST, &[]))
        }
    }
    /// A `rights.list` request, made by [`Rights::list`]: set optional parameters, then `.send().await`.
    #[must_use = "a request does nothing until it is sent: call `.send().await`"]
    pub struct List(rt::Request<::std::vec::Vec<super::types::Right>>);
    impl List {
        /// Sends the request and decodes the answer: `.send().await`.
        #[inline]
        pub fn send(self) -> rt::Pending<::std::vec::Vec<super::types::Right>> {
            self.0.send()
        }
    }
    /// What the runtime sends for each endpoint of `rights`: one [`Endpoint`](rt::endpoint::Endpoint) per endpoint, as data.
    pub mod endpoints {
        use super::rt::endpoint::{Auth, Endpoint, Method};
        use super::rt::wire::Format;
        /// `rights.list`: `GET /imcc/v1/rights`.
        pub static LIST: Endpoint = Endpoint {
            name: "rights.list",
            method: Method::Get,
            host: "mcc",
            path: "/imcc/v1/rights",
            auth: Auth::User,
            scopes: &["readUsersData"],
            xml: Some("Response/Result/Right"),
            formats: &[Format::Xml],
            ..Endpoint::BASE
        };
    }
}
/// Change history of records and media.
///
/// Reached through `Client::history()`.
pub mod history {
    #![allow(clippy::type_complexity)]
    use ::imagen_runtime as rt;
    /// The `history` resource's endpoints, borrowed from a [`Client`](super::Client).
    pub struct History<'c, S, A> {
        pub(super) client: &'c super::Client<S, A>,
    }
    impl<'c, S: rt::scope::ScopeSet, A> History<'c, S, A> {
        /// Changes to records and media, newest first by default.
        ///
        /// `GET /imcc/v1/history` on host `mcc`.
        ///
        /// - Authentication: user context (OAuth 2.0 access token).
        /// - Scopes: `readUsersData`.
        /// - Answers: XML (`Response`).
        pub fn list(&self) -> List
        where
            S: super::scopes::Grants<super::scopes::ReadUsersData, List>,
            A: rt::scope::ActsForUser<List>,
        {
            List(self.client.session.request(&endpoints::LIST, &[]))
        }
    }
    /// A `history.list` request, made by [`History::list`]: set optional parameters, then `.send().await`.
    #[must_use = "a request does nothing until it is sent: call `.send().await`"]
    pub struct List(rt::Request<super::types::HistoryPage>);
    impl List {
        /// Sets `query`: A media or record ID.
        #[inline]
        pub fn query(self, value: &str) -> Self {
            Self(self.0.query("query", value))
        }
        /// Sets `type`: `create`, `edit` or `delete`.
        #[inline]
        pub fn change(self, value: &str) -> Self {
            Self(self.0.query("type", value))
        }
        /// Sets `limit`: Entries per page (default 48, at most 100).
        #[inline]
        pub fn limit(self, value: i32) -> Self {
            Self(self.0.query("limit", value))
        }
        /// Sets `start`.
        #[inline]
        pub fn start(self, value: i32) -> Self {
            Self(self.0.query("start", value))
        }
        /// Sets `sort`: `modifiedDate asc` or `modifiedDate desc`.
        #[inline]
        pub fn sort(self, value: &str) -> Self {
            Self(self.0.query("sort", value))
        }
        /// Sets `recordID`.
        #[inline]
        pub fn record_id(self, value: i64) -> Self {
            Self(self.0.query("recordID", value))
        }
        /// Sets `getTotalCount`.
        #[inline]
        pub fn get_total_count(self, value: bool) -> Self {
            Self(self.0.query("getTotalCount", value))
        }
        /// Sets `userID`.
        #[inline]
        pub fn user_id(self, value: i64) -> Self {
            Self(self.0.query("userID", value))
        }
        /// Every page of the answer, as a `Stream` of pages: one request per page, the pager setting `start`, `limit` (at most 100); stops at `total_count` items (else at a short or empty page). Each page is sent like `send` (retries, errors); the first error ends the stream with it.
        ///
        /// *Assumption: not from the API's public documentation.*
        #[inline]
        pub fn pages(self) -> rt::paging::Pages<super::types::HistoryPage> {
            self.0.pages(|p| rt::paging::PageView {
                items: p.entries.len(),
                total: p.total_count.and_then(|t| u64::try_from(t).ok()),
                cursor: None
            })
        }
        /// The items of every page (`entries`), as a `Stream`: see [`pages`](Self::pages).
        #[inline]
        pub fn items(self) -> rt::paging::Items<super::types::HistoryEntry> {
            rt::paging::Items::new(self.pages(), |p| p.entries)
        }
        /// Sends the request and decodes the answer: `.send().await`.
        #[inline]
        pub fn send(self) -> rt::Pending<super::types::HistoryPage> {
            self.0.send()
        }
    }
    /// What the runtime sends for each endpoint of `history`: one [`Endpoint`](rt::endpoint::Endpoint) per endpoint, as data.
    pub mod endpoints {
        use super::rt::endpoint::{Auth, Endpoint, Method};
        use super::rt::wire::Format;
        /// `history.list`: `GET /imcc/v1/history`.
        pub static LIST: Endpoint = Endpoint {
            name: "history.list",
            method: Method::Get,
            host: "mcc",
            path: "/imcc/v1/history",
            auth: Auth::User,
            scopes: &["readUsersData"],
            xml: Some("Response"),
            formats: &[Format::Xml],
            paging: Some(super::rt::paging::Paging {
                style: super::rt::paging::Style::Offset,
                start: Some("start"),
                size: Some("limit"),
                max_size: Some(100u64),
                base: 0u64,
                cursor: None,
                ask_total: Some("getTotalCount"),
            }),
            ..Endpoint::BASE
        };
    }
}
