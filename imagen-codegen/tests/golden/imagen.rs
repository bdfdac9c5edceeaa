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
    impl<E> ::imagen_runtime::scope::Grants<ReadUsersData, E> for DefaultScopes {}
    impl<E> ::imagen_runtime::scope::Grants<ModifyUsersData, E> for DefaultScopes {}
    /// For each scope that implies others, the scopes holding it lets
    /// the application use (wire names); `Client::verify_scopes` uses it.
    pub const IMPLIED: &[(&str, &[&str])] = &[("modifyUsersData", &["readUsersData"])];
}
/// Declares the scope set an application holds, as a type for `Client<S, _>`:
/// `scopes!(pub MyApp = ReadUsersData, CreateJobs);`
///
/// Scopes of this description: `ReadUsersData`, `ModifyUsersData`, `ManageJobs`, `CreateJobs`, `Roles`, `ModifyRoles`, `Databases`, `ImpersonateUsers`, `Files`. Declare only scopes an Imagen administrator has granted to the application in MediaControlCentre; `Client::verify_scopes` checks it at run time.
macro_rules! __imagen_scopes {
    ($vis:vis $name:ident = $($scope:ident),* $(,)?) => {
        ::imagen_runtime::__private::declare_scopes! { runtime = [::imagen_runtime],
        module = [crate ::scopes], table = ["readUsersData" ReadUsersData[ReadUsersData];
        "modifyUsersData" ModifyUsersData[ReadUsersData ModifyUsersData]; "manageJobs"
        ManageJobs[ManageJobs]; "createJobs" CreateJobs[CreateJobs]; "roles"
        Roles[Roles]; "modifyRoles" ModifyRoles[ModifyRoles]; "databases"
        Databases[Databases]; "impersonateUsers" ImpersonateUsers[ImpersonateUsers];
        "files" Files[Files];], set = [$vis $name = $($scope),*] }
    };
}
#[allow(unused_imports)]
pub(crate) use __imagen_scopes as scopes;
/// The types of the description: request and response bodies with their wire names.
pub mod types {
    /// An application registered in ImagenWeb's developer section.
    #[derive(
        Clone,
        Debug,
        PartialEq,
        ::imagen_runtime::__private::serde::Serialize,
        ::imagen_runtime::__private::serde::Deserialize
    )]
    #[serde(crate = "::imagen_runtime::__private::serde")]
    pub struct Application {
        /// The application's API key.
        ///
        /// Wire name: `APIKey`.
        #[serde(rename = "APIKey")]
        pub api_key: ::std::string::String,
        /// The application's secret (never printed).
        ///
        /// Wire name: `SecretAccessKey`.
        #[serde(
            rename = "SecretAccessKey",
            default,
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub secret_access_key: ::std::option::Option<::imagen_runtime::ApiSecret>,
        /// Wire name: `Name`.
        #[serde(rename = "Name")]
        pub name: ::std::string::String,
        /// Creation time, ISO 8601 in UTC (`2020-01-31T12:00:00Z`).
        ///
        /// Wire name: `Created`.
        #[serde(
            rename = "Created",
            default,
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub created: ::std::option::Option<::std::string::String>,
        /// `1` when enabled, `0` when an administrator disabled the application.
        ///
        /// Wire name: `Enabled`.
        #[serde(
            rename = "Enabled",
            default,
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub enabled: ::std::option::Option<i32>,
        /// Wire name: `RedirectURI`.
        #[serde(
            rename = "RedirectURI",
            default,
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub redirect_uri: ::std::option::Option<::std::string::String>,
        /// Wire name: `Contact`.
        #[serde(
            rename = "Contact",
            default,
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub contact: ::std::option::Option<::std::string::String>,
        /// Wire name: `Website`.
        #[serde(
            rename = "Website",
            default,
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub website: ::std::option::Option<::std::string::String>,
        /// Wire name: `Description`.
        #[serde(
            rename = "Description",
            default,
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub description: ::std::option::Option<::std::string::String>,
        /// Wire name: `Logo`.
        #[serde(
            rename = "Logo",
            default,
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub logo: ::std::option::Option<::std::string::String>,
        /// Wire name: `DeveloperEmail`.
        #[serde(
            rename = "DeveloperEmail",
            default,
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub developer_email: ::std::option::Option<::std::string::String>,
        /// `web` or `installed`.
        ///
        /// Wire name: `ApplicationType`.
        #[serde(
            rename = "ApplicationType",
            default,
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub application_type: ::std::option::Option<::std::string::String>,
        /// Wire name: `DatabaseID`.
        #[serde(
            rename = "DatabaseID",
            default,
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub database_id: ::std::option::Option<i64>,
        /// The scopes granted to the application.
        ///
        /// Wire name: `Scopes`.
        #[serde(
            rename = "Scopes",
            default,
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub scopes: ::std::option::Option<ScopeList>,
    }
    /// The `Scopes` element of an application: `{"Scope": [...]}`.
    #[derive(
        Clone,
        Debug,
        PartialEq,
        ::imagen_runtime::__private::serde::Serialize,
        ::imagen_runtime::__private::serde::Deserialize
    )]
    #[serde(crate = "::imagen_runtime::__private::serde")]
    pub struct ScopeList {
        /// Wire name: `Scope`.
        #[serde(rename = "Scope")]
        pub scope: ::std::vec::Vec<Scope>,
    }
    /// A scope granted to an application.
    #[derive(
        Clone,
        Debug,
        PartialEq,
        ::imagen_runtime::__private::serde::Serialize,
        ::imagen_runtime::__private::serde::Deserialize
    )]
    #[serde(crate = "::imagen_runtime::__private::serde")]
    pub struct Scope {
        /// Wire name: `Name`.
        #[serde(rename = "Name")]
        pub name: ::std::string::String,
        /// Wire name: `Description`.
        #[serde(
            rename = "Description",
            default,
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub description: ::std::option::Option<::std::string::String>,
    }
    /// A page of records matching an Imagen Query Language query.
    #[derive(
        Clone,
        Debug,
        PartialEq,
        ::imagen_runtime::__private::serde::Serialize,
        ::imagen_runtime::__private::serde::Deserialize
    )]
    #[serde(crate = "::imagen_runtime::__private::serde")]
    pub struct SearchResult {
        /// Pass back as `searchID` with `start` to page.
        ///
        /// Wire name: `SearchID`.
        #[serde(rename = "SearchID")]
        pub search_id: ::std::string::String,
        /// Wire name: `TotalHits`.
        #[serde(rename = "TotalHits")]
        pub total_hits: i64,
        /// Wire name: `Records`. *Assumption: not from Imagen's public documentation.*
        #[serde(rename = "Records")]
        pub records: ::std::vec::Vec<Record>,
    }
    /// One record of a search answer.
    #[derive(
        Clone,
        Debug,
        PartialEq,
        ::imagen_runtime::__private::serde::Serialize,
        ::imagen_runtime::__private::serde::Deserialize
    )]
    #[serde(crate = "::imagen_runtime::__private::serde")]
    pub struct Record {
        /// Wire name: `ID`.
        #[serde(rename = "ID")]
        pub id: i64,
        /// Wire name: `CanEdit`.
        #[serde(rename = "CanEdit")]
        pub can_edit: bool,
        /// Field name → value.
        ///
        /// Wire name: `Fields`. *Assumption: not from Imagen's public documentation.*
        #[serde(rename = "Fields")]
        pub fields: ::std::collections::BTreeMap<
            ::std::string::String,
            ::std::string::String,
        >,
    }
    /// An ImagenWeb search answer; records carry download URLs and the answer carries the user.
    #[derive(
        Clone,
        Debug,
        PartialEq,
        ::imagen_runtime::__private::serde::Serialize,
        ::imagen_runtime::__private::serde::Deserialize
    )]
    #[serde(crate = "::imagen_runtime::__private::serde")]
    pub struct WebSearchResult {
        /// Wire name: `SearchID`.
        #[serde(rename = "SearchID")]
        pub search_id: ::std::string::String,
        /// Wire name: `TotalHits`.
        #[serde(rename = "TotalHits")]
        pub total_hits: i64,
        /// Wire name: `Records`. *Assumption: not from Imagen's public documentation.*
        #[serde(rename = "Records")]
        pub records: ::std::vec::Vec<WebRecord>,
        /// Wire name: `User`.
        #[serde(
            rename = "User",
            default,
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub user: ::std::option::Option<User>,
    }
    /// A record as ImagenWeb returns it.
    #[derive(
        Clone,
        Debug,
        PartialEq,
        ::imagen_runtime::__private::serde::Serialize,
        ::imagen_runtime::__private::serde::Deserialize
    )]
    #[serde(crate = "::imagen_runtime::__private::serde")]
    pub struct WebRecord {
        /// Wire name: `ID`.
        #[serde(rename = "ID")]
        pub id: i64,
        /// Wire name: `CanEdit`.
        #[serde(rename = "CanEdit")]
        pub can_edit: bool,
        /// Wire name: `Fields`. *Assumption: not from Imagen's public documentation.*
        #[serde(rename = "Fields")]
        pub fields: ::std::collections::BTreeMap<
            ::std::string::String,
            ::std::string::String,
        >,
        /// Download URLs for the profiles the user may access.
        ///
        /// Wire name: `Downloads`. *Assumption: not from Imagen's public documentation.*
        #[serde(
            rename = "Downloads",
            default,
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub downloads: ::std::option::Option<::std::vec::Vec<Download>>,
    }
    /// A download URL of one media profile.
    ///
    /// *Assumption: not from Imagen's public documentation.*
    #[derive(
        Clone,
        Debug,
        PartialEq,
        ::imagen_runtime::__private::serde::Serialize,
        ::imagen_runtime::__private::serde::Deserialize
    )]
    #[serde(crate = "::imagen_runtime::__private::serde")]
    pub struct Download {
        /// Wire name: `Profile`.
        #[serde(rename = "Profile")]
        pub profile: ::std::string::String,
        /// Wire name: `URL`.
        #[serde(rename = "URL")]
        pub url: ::std::string::String,
    }
    /// The answer to a record import.
    ///
    /// *Assumption: not from Imagen's public documentation.*
    #[derive(
        Clone,
        Debug,
        PartialEq,
        ::imagen_runtime::__private::serde::Serialize,
        ::imagen_runtime::__private::serde::Deserialize
    )]
    #[serde(crate = "::imagen_runtime::__private::serde")]
    pub struct ImportStarted {
        /// Poll with `import().status(job_guid)`.
        ///
        /// Wire name: `JobGUID`.
        #[serde(rename = "JobGUID")]
        pub job_guid: ::std::string::String,
        /// Wire name: `RecordIDs`.
        #[serde(
            rename = "RecordIDs",
            default,
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub record_ids: ::std::option::Option<::std::vec::Vec<i64>>,
    }
    /// Progress of an import job.
    #[derive(
        Clone,
        Debug,
        PartialEq,
        ::imagen_runtime::__private::serde::Serialize,
        ::imagen_runtime::__private::serde::Deserialize
    )]
    #[serde(crate = "::imagen_runtime::__private::serde")]
    pub struct DatabaseJob {
        /// Wire name: `GUID`.
        #[serde(rename = "GUID")]
        pub guid: ::std::string::String,
        /// Wire name: `State`.
        #[serde(rename = "State")]
        pub state: JobState,
        /// Wire name: `Type`.
        #[serde(rename = "Type")]
        pub job_type: ::std::string::String,
        /// Wire name: `RecordIDs`.
        #[serde(
            rename = "RecordIDs",
            default,
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub record_ids: ::std::option::Option<::std::vec::Vec<i64>>,
        /// Wire name: `MediaObjectIDs`.
        #[serde(
            rename = "MediaObjectIDs",
            default,
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub media_object_ids: ::std::option::Option<::std::vec::Vec<i64>>,
        /// Wire name: `StoreJobIDs`.
        #[serde(
            rename = "StoreJobIDs",
            default,
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub store_job_ids: ::std::option::Option<::std::vec::Vec<::std::string::String>>,
    }
    /// State of a database job.
    ///
    /// *Assumption: not from Imagen's public documentation.*
    ///
    /// Unknown values are kept in `Other`, so nothing the server sends is lost.
    #[derive(Clone, Debug, PartialEq, Eq, Hash)]
    #[allow(clippy::enum_variant_names)]
    pub enum JobState {
        /// Wire value `Pending`.
        Pending,
        /// Wire value `Running`.
        Running,
        /// Wire value `Finished`.
        Finished,
        /// Wire value `Failed`.
        Failed,
        /// A value this description does not list.
        Other(::std::string::String),
    }
    impl JobState {
        /// The wire value.
        pub fn as_str(&self) -> &str {
            match self {
                Self::Pending => "Pending",
                Self::Running => "Running",
                Self::Finished => "Finished",
                Self::Failed => "Failed",
                Self::Other(s) => s,
            }
        }
    }
    impl ::std::convert::From<::std::string::String> for JobState {
        fn from(s: ::std::string::String) -> Self {
            match s.as_str() {
                "Pending" => Self::Pending,
                "Running" => Self::Running,
                "Finished" => Self::Finished,
                "Failed" => Self::Failed,
                _ => Self::Other(s),
            }
        }
    }
    impl ::std::fmt::Display for JobState {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            f.write_str(self.as_str())
        }
    }
    impl ::imagen_runtime::__private::serde::Serialize for JobState {
        fn serialize<S: ::imagen_runtime::__private::serde::Serializer>(
            &self,
            s: S,
        ) -> ::std::result::Result<S::Ok, S::Error> {
            s.serialize_str(self.as_str())
        }
    }
    impl<'de> ::imagen_runtime::__private::serde::Deserialize<'de> for JobState {
        fn deserialize<D: ::imagen_runtime::__private::serde::Deserializer<'de>>(
            d: D,
        ) -> ::std::result::Result<Self, D::Error> {
            <::std::string::String as ::imagen_runtime::__private::serde::Deserialize>::deserialize(
                    d,
                )
                .map(Self::from)
        }
    }
    /// The answer to a reprocessing job.
    #[derive(
        Clone,
        Debug,
        PartialEq,
        ::imagen_runtime::__private::serde::Serialize,
        ::imagen_runtime::__private::serde::Deserialize
    )]
    #[serde(crate = "::imagen_runtime::__private::serde")]
    pub struct JobCreated {
        /// Wire name: `GUID`.
        #[serde(rename = "GUID")]
        pub guid: ::std::string::String,
    }
    /// The answer to a delete: `{"result": "success"}`.
    #[derive(
        Clone,
        Debug,
        PartialEq,
        ::imagen_runtime::__private::serde::Serialize,
        ::imagen_runtime::__private::serde::Deserialize
    )]
    #[serde(crate = "::imagen_runtime::__private::serde")]
    pub struct DeleteResult {
        /// Wire name: `result`.
        #[serde(rename = "result")]
        pub result: ::std::string::String,
    }
    /// A workflow the user may start.
    #[derive(
        Clone,
        Debug,
        PartialEq,
        ::imagen_runtime::__private::serde::Serialize,
        ::imagen_runtime::__private::serde::Deserialize
    )]
    #[serde(crate = "::imagen_runtime::__private::serde")]
    pub struct Workflow {
        /// Wire name: `ID`.
        #[serde(rename = "ID")]
        pub id: i64,
        /// Wire name: `Name`.
        #[serde(rename = "Name")]
        pub name: ::std::string::String,
        /// Wire name: `Description`.
        #[serde(
            rename = "Description",
            default,
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub description: ::std::option::Option<::std::string::String>,
        /// Wire name: `DateCreated`.
        #[serde(
            rename = "DateCreated",
            default,
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub date_created: ::std::option::Option<::std::string::String>,
        /// Wire name: `UsageType`.
        #[serde(rename = "UsageType")]
        pub usage_type: UsageType,
        /// Wire name: `MediaTypes`.
        #[serde(
            rename = "MediaTypes",
            default,
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub media_types: ::std::option::Option<::std::vec::Vec<::std::string::String>>,
        /// Wire name: `FileExtensions`.
        #[serde(
            rename = "FileExtensions",
            default,
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub file_extensions: ::std::option::Option<
            ::std::vec::Vec<::std::string::String>,
        >,
        /// Wire name: `FieldInputs`.
        #[serde(
            rename = "FieldInputs",
            default,
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub field_inputs: ::std::option::Option<::std::vec::Vec<::std::string::String>>,
        /// Wire name: `CanClip`.
        #[serde(
            rename = "CanClip",
            default,
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub can_clip: ::std::option::Option<bool>,
        /// Wire name: `ClipOnly`.
        #[serde(
            rename = "ClipOnly",
            default,
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub clip_only: ::std::option::Option<bool>,
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
    impl ::imagen_runtime::__private::serde::Serialize for UsageType {
        fn serialize<S: ::imagen_runtime::__private::serde::Serializer>(
            &self,
            s: S,
        ) -> ::std::result::Result<S::Ok, S::Error> {
            s.serialize_str(self.as_str())
        }
    }
    impl<'de> ::imagen_runtime::__private::serde::Deserialize<'de> for UsageType {
        fn deserialize<D: ::imagen_runtime::__private::serde::Deserializer<'de>>(
            d: D,
        ) -> ::std::result::Result<Self, D::Error> {
            <::std::string::String as ::imagen_runtime::__private::serde::Deserialize>::deserialize(
                    d,
                )
                .map(Self::from)
        }
    }
    /// A media profile.
    #[derive(
        Clone,
        Debug,
        PartialEq,
        ::imagen_runtime::__private::serde::Serialize,
        ::imagen_runtime::__private::serde::Deserialize
    )]
    #[serde(crate = "::imagen_runtime::__private::serde")]
    pub struct Profile {
        /// Wire name: `ID`.
        #[serde(rename = "ID")]
        pub id: i64,
        /// Wire name: `Name`.
        #[serde(rename = "Name")]
        pub name: ::std::string::String,
        /// Wire name: `Type`.
        #[serde(rename = "Type")]
        pub profile_type: ProfileType,
        /// Wire name: `Usage`.
        #[serde(rename = "Usage")]
        pub usage: ProfileUsage,
        /// Wire name: `Attributes`. *Assumption: not from Imagen's public documentation.*
        #[serde(
            rename = "Attributes",
            default,
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub attributes: ::std::option::Option<
            ::std::collections::BTreeMap<::std::string::String, ::std::string::String>,
        >,
    }
    /// The kind of a media profile.
    ///
    /// Unknown values are kept in `Other`, so nothing the server sends is lost.
    #[derive(Clone, Debug, PartialEq, Eq, Hash)]
    #[allow(clippy::enum_variant_names)]
    pub enum ProfileType {
        /// Wire value `Original`.
        Original,
        /// Wire value `Rendition`.
        Rendition,
        /// Wire value `Temporary`.
        Temporary,
        /// A value this description does not list.
        Other(::std::string::String),
    }
    impl ProfileType {
        /// The wire value.
        pub fn as_str(&self) -> &str {
            match self {
                Self::Original => "Original",
                Self::Rendition => "Rendition",
                Self::Temporary => "Temporary",
                Self::Other(s) => s,
            }
        }
    }
    impl ::std::convert::From<::std::string::String> for ProfileType {
        fn from(s: ::std::string::String) -> Self {
            match s.as_str() {
                "Original" => Self::Original,
                "Rendition" => Self::Rendition,
                "Temporary" => Self::Temporary,
                _ => Self::Other(s),
            }
        }
    }
    impl ::std::fmt::Display for ProfileType {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            f.write_str(self.as_str())
        }
    }
    impl ::imagen_runtime::__private::serde::Serialize for ProfileType {
        fn serialize<S: ::imagen_runtime::__private::serde::Serializer>(
            &self,
            s: S,
        ) -> ::std::result::Result<S::Ok, S::Error> {
            s.serialize_str(self.as_str())
        }
    }
    impl<'de> ::imagen_runtime::__private::serde::Deserialize<'de> for ProfileType {
        fn deserialize<D: ::imagen_runtime::__private::serde::Deserializer<'de>>(
            d: D,
        ) -> ::std::result::Result<Self, D::Error> {
            <::std::string::String as ::imagen_runtime::__private::serde::Deserialize>::deserialize(
                    d,
                )
                .map(Self::from)
        }
    }
    /// The media a profile applies to.
    ///
    /// Unknown values are kept in `Other`, so nothing the server sends is lost.
    #[derive(Clone, Debug, PartialEq, Eq, Hash)]
    #[allow(clippy::enum_variant_names)]
    pub enum ProfileUsage {
        /// Wire value `Video`.
        Video,
        /// Wire value `Audio`.
        Audio,
        /// Wire value `Image`.
        Image,
        /// A value this description does not list.
        Other(::std::string::String),
    }
    impl ProfileUsage {
        /// The wire value.
        pub fn as_str(&self) -> &str {
            match self {
                Self::Video => "Video",
                Self::Audio => "Audio",
                Self::Image => "Image",
                Self::Other(s) => s,
            }
        }
    }
    impl ::std::convert::From<::std::string::String> for ProfileUsage {
        fn from(s: ::std::string::String) -> Self {
            match s.as_str() {
                "Video" => Self::Video,
                "Audio" => Self::Audio,
                "Image" => Self::Image,
                _ => Self::Other(s),
            }
        }
    }
    impl ::std::fmt::Display for ProfileUsage {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            f.write_str(self.as_str())
        }
    }
    impl ::imagen_runtime::__private::serde::Serialize for ProfileUsage {
        fn serialize<S: ::imagen_runtime::__private::serde::Serializer>(
            &self,
            s: S,
        ) -> ::std::result::Result<S::Ok, S::Error> {
            s.serialize_str(self.as_str())
        }
    }
    impl<'de> ::imagen_runtime::__private::serde::Deserialize<'de> for ProfileUsage {
        fn deserialize<D: ::imagen_runtime::__private::serde::Deserializer<'de>>(
            d: D,
        ) -> ::std::result::Result<Self, D::Error> {
            <::std::string::String as ::imagen_runtime::__private::serde::Deserialize>::deserialize(
                    d,
                )
                .map(Self::from)
        }
    }
    /// An Imagen user.
    #[derive(
        Clone,
        Debug,
        PartialEq,
        ::imagen_runtime::__private::serde::Serialize,
        ::imagen_runtime::__private::serde::Deserialize
    )]
    #[serde(crate = "::imagen_runtime::__private::serde")]
    pub struct User {
        /// Wire name: `UserID`.
        #[serde(rename = "UserID")]
        pub user_id: i64,
        /// Wire name: `Username`.
        #[serde(rename = "Username")]
        pub username: ::std::string::String,
        /// Wire name: `UserType`.
        #[serde(
            rename = "UserType",
            default,
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub user_type: ::std::option::Option<::std::string::String>,
        /// Wire name: `EmailAddress`.
        #[serde(
            rename = "EmailAddress",
            default,
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub email_address: ::std::option::Option<::std::string::String>,
        /// Wire name: `CreateRecordQuota`.
        #[serde(
            rename = "CreateRecordQuota",
            default,
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub create_record_quota: ::std::option::Option<i64>,
        /// Wire name: `AccessRights`.
        #[serde(
            rename = "AccessRights",
            default,
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub access_rights: ::std::option::Option<::std::vec::Vec<::std::string::String>>,
    }
    /// A page of history entries.
    ///
    /// *Assumption: not from Imagen's public documentation.*
    #[derive(
        Clone,
        Debug,
        PartialEq,
        ::imagen_runtime::__private::serde::Serialize,
        ::imagen_runtime::__private::serde::Deserialize
    )]
    #[serde(crate = "::imagen_runtime::__private::serde")]
    pub struct HistoryPage {
        /// Present when `getTotalCount` was set.
        ///
        /// Wire name: `TotalCount`.
        #[serde(
            rename = "TotalCount",
            default,
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub total_count: ::std::option::Option<i64>,
        /// Wire name: `Entries`.
        #[serde(rename = "Entries")]
        pub entries: ::std::vec::Vec<HistoryEntry>,
    }
    /// One change to a record or media object.
    ///
    /// *Assumption: not from Imagen's public documentation.*
    #[derive(
        Clone,
        Debug,
        PartialEq,
        ::imagen_runtime::__private::serde::Serialize,
        ::imagen_runtime::__private::serde::Deserialize
    )]
    #[serde(crate = "::imagen_runtime::__private::serde")]
    pub struct HistoryEntry {
        /// Wire name: `ID`.
        #[serde(rename = "ID")]
        pub id: i64,
        /// Wire name: `RecordID`.
        #[serde(
            rename = "RecordID",
            default,
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub record_id: ::std::option::Option<i64>,
        /// Wire name: `MediaID`.
        #[serde(
            rename = "MediaID",
            default,
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub media_id: ::std::option::Option<i64>,
        /// `create`, `edit` or `delete`.
        ///
        /// Wire name: `Type`.
        #[serde(rename = "Type")]
        pub change: ::std::string::String,
        /// Wire name: `UserID`.
        #[serde(rename = "UserID")]
        pub user_id: i64,
        /// Wire name: `ModifiedDate`.
        #[serde(rename = "ModifiedDate")]
        pub modified_date: ::std::string::String,
        /// Wire name: `Description`.
        #[serde(
            rename = "Description",
            default,
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub description: ::std::option::Option<::std::string::String>,
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
    pub const REVOKE: ::std::option::Option<&str> = ::std::option::Option::Some(
        "/oauth/revoke",
    );
}
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
            _marker: ::std::marker::PhantomData,
        }
    }
}
impl<S, A> ::std::fmt::Debug for Client<S, A> {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.debug_struct("Client")
            .field("scopes", &::std::any::type_name::<S>())
            .field("auth", &::std::any::type_name::<A>())
            .field("session", &self.session)
            .finish()
    }
}
impl Client {
    /// An application-context client with the default scope set.
    pub fn new(session: ::imagen_runtime::Session) -> Self {
        Client {
            session,
            _marker: ::std::marker::PhantomData,
        }
    }
}
impl<S: ::imagen_runtime::scope::ScopeSet, A> Client<S, A> {
    /// The same client with the scope set `S2` (declared with `scopes!`).
    pub fn with_scopes<S2: ::imagen_runtime::scope::ScopeSet>(self) -> Client<S2, A> {
        Client {
            session: self.session,
            _marker: ::std::marker::PhantomData,
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
    /// Asks Imagen which scopes the application was granted
    /// (`GET /core/v1/application`, signed) and fails with
    /// `Error::ScopesNotGranted` naming every declared scope that is missing.
    pub async fn verify_scopes(
        &self,
    ) -> ::std::result::Result<(), ::imagen_runtime::Error> {
        ::imagen_runtime::verify_scopes(&self.session, S::NAMES, scopes::IMPLIED).await
    }
    /// The calling application.
    pub fn application(&self) -> application::Application<'_, S, A> {
        application::Application {
            client: self,
        }
    }
    /// Records in MediaControlCentre.
    pub fn records(&self) -> records::Records<'_, S, A> {
        records::Records { client: self }
    }
    /// ImagenWeb's own resources.
    pub fn web(&self) -> web::Web<'_, S, A> {
        web::Web { client: self }
    }
    /// Record import.
    pub fn import(&self) -> import::Import<'_, S, A> {
        import::Import { client: self }
    }
    /// Media processing jobs.
    pub fn jobs(&self) -> jobs::Jobs<'_, S, A> {
        jobs::Jobs { client: self }
    }
    /// Media objects.
    pub fn media(&self) -> media::Media<'_, S, A> {
        media::Media { client: self }
    }
    /// Workflows.
    pub fn workflows(&self) -> workflows::Workflows<'_, S, A> {
        workflows::Workflows {
            client: self,
        }
    }
    /// Media profiles.
    pub fn profiles(&self) -> profiles::Profiles<'_, S, A> {
        profiles::Profiles { client: self }
    }
    /// The authorizing user.
    pub fn user(&self) -> user::User<'_, S, A> {
        user::User { client: self }
    }
    /// Change history of records and media.
    pub fn history(&self) -> history::History<'_, S, A> {
        history::History { client: self }
    }
}
impl<S> Client<S, ::imagen_runtime::scope::AppContext> {
    /// A client acting for the user whose OAuth 2.0 tokens `tokens` provides.
    pub fn for_user(
        &self,
        tokens: ::std::sync::Arc<dyn ::imagen_runtime::TokenSource>,
    ) -> Client<S, ::imagen_runtime::scope::UserContext> {
        Client {
            session: self.session.with_token_source(tokens),
            _marker: ::std::marker::PhantomData,
        }
    }
}
impl<S> Client<S, ::imagen_runtime::scope::UserContext> {
    /// The application-context client of the same application (signed requests).
    pub fn as_application(&self) -> Client<S, ::imagen_runtime::scope::AppContext> {
        Client {
            session: self.session.application_context(),
            _marker: ::std::marker::PhantomData,
        }
    }
}
/// The calling application.
///
/// Reached through `Client::application()`.
pub mod application {
    /// The `application` resource's endpoints, borrowed from a [`Client`](super::Client).
    pub struct Application<'c, S, A> {
        pub(super) client: &'c super::Client<S, A>,
    }
    impl<'c, S: ::imagen_runtime::scope::ScopeSet, A> Application<'c, S, A> {
        /// The calling application, with the scopes an administrator granted it.
        ///
        /// `GET /core/v1/application` on host `mcc`.
        ///
        /// - Authentication: application context (signed with the API key and secret).
        /// - Scopes: none.
        pub fn get(&self) -> Get
        where
            A: ::imagen_runtime::scope::ActsForApplication<Get>,
        {
            static ENDPOINT: ::imagen_runtime::endpoint::Endpoint = ::imagen_runtime::endpoint::Endpoint {
                name: "application.get",
                method: ::imagen_runtime::endpoint::Method::Get,
                host: "mcc",
                path: "/core/v1/application",
                auth: ::imagen_runtime::endpoint::Auth::Application,
                scopes: &[],
                body: ::imagen_runtime::endpoint::BodyKind::None,
                envelope: ::std::option::Option::Some("Application"),
            };
            Get(self.client.session().request(&ENDPOINT, &[]))
        }
    }
    /// A `application.get` request, made by [`Application::get`]: set optional parameters, then `.send().await`.
    #[must_use = "a request does nothing until it is sent: call `.send().await`"]
    pub struct Get(::imagen_runtime::Request<super::types::Application>);
    impl Get {
        /// Sends the request and decodes the answer: `.send().await`.
        pub fn send(
            self,
        ) -> impl ::std::future::Future<
            Output = ::std::result::Result<
                super::types::Application,
                ::imagen_runtime::Error,
            >,
        > {
            self.0.send()
        }
    }
}
/// Records in MediaControlCentre.
///
/// Reached through `Client::records()`.
pub mod records {
    /// The `records` resource's endpoints, borrowed from a [`Client`](super::Client).
    pub struct Records<'c, S, A> {
        pub(super) client: &'c super::Client<S, A>,
    }
    impl<'c, S: ::imagen_runtime::scope::ScopeSet, A> Records<'c, S, A> {
        /// Search records with an Imagen Query Language query.
        ///
        /// `GET /imcc/v1/record/search` on host `mcc`.
        ///
        /// - Authentication: user context (OAuth 2.0 access token).
        /// - Scopes: `readUsersData`.
        /// - `query`, in the query: An Imagen Query Language query, e.g. `WHERE Title = 'Zoë' LIMIT 10`.
        pub fn search(&self, query: &str) -> Search
        where
            S: ::imagen_runtime::scope::Grants<super::scopes::ReadUsersData, Search>,
            A: ::imagen_runtime::scope::ActsForUser<Search>,
        {
            static ENDPOINT: ::imagen_runtime::endpoint::Endpoint = ::imagen_runtime::endpoint::Endpoint {
                name: "records.search",
                method: ::imagen_runtime::endpoint::Method::Get,
                host: "mcc",
                path: "/imcc/v1/record/search",
                auth: ::imagen_runtime::endpoint::Auth::User,
                scopes: &["readUsersData"],
                body: ::imagen_runtime::endpoint::BodyKind::None,
                envelope: ::std::option::Option::None,
            };
            Search(self.client.session().request(&ENDPOINT, &[]).query("query", query))
        }
        /// One record by ID, in application or user context.
        ///
        /// `GET /imcc/v1/record/{recordId}` on host `mcc`.
        ///
        /// - Authentication: application or user context.
        /// - Scopes: `readUsersData`.
        /// - `record_id` (`recordId`), in the path
        ///
        /// *Assumption: not from Imagen's public documentation.*
        pub fn get(&self, record_id: i64) -> Get
        where
            S: ::imagen_runtime::scope::Grants<super::scopes::ReadUsersData, Get>,
        {
            static ENDPOINT: ::imagen_runtime::endpoint::Endpoint = ::imagen_runtime::endpoint::Endpoint {
                name: "records.get",
                method: ::imagen_runtime::endpoint::Method::Get,
                host: "mcc",
                path: "/imcc/v1/record/{recordId}",
                auth: ::imagen_runtime::endpoint::Auth::Any,
                scopes: &["readUsersData"],
                body: ::imagen_runtime::endpoint::BodyKind::None,
                envelope: ::std::option::Option::None,
            };
            Get(self.client.session().request(&ENDPOINT, &[&record_id]))
        }
    }
    /// A `records.search` request, made by [`Records::search`]: set optional parameters, then `.send().await`.
    #[must_use = "a request does nothing until it is sent: call `.send().await`"]
    pub struct Search(::imagen_runtime::Request<super::types::SearchResult>);
    impl Search {
        /// Sets `timeout`: Seconds to wait for the search.
        pub fn timeout(self, value: i32) -> Self {
            Self(self.0.query("timeout", value))
        }
        /// Sets `numRecords`: Records per page.
        pub fn num_records(self, value: i32) -> Self {
            Self(self.0.query("numRecords", value))
        }
        /// Sets `start`: Offset of the first record; needs `searchID`.
        pub fn start(self, value: i32) -> Self {
            Self(self.0.query("start", value))
        }
        /// Sets `searchID`: The search to page through.
        pub fn search_id(self, value: &str) -> Self {
            Self(self.0.query("searchID", value))
        }
        /// Sets `includeMedia`: Include media objects.
        pub fn include_media(self, value: bool) -> Self {
            Self(self.0.query("includeMedia", value))
        }
        /// Sends the request and decodes the answer: `.send().await`.
        pub fn send(
            self,
        ) -> impl ::std::future::Future<
            Output = ::std::result::Result<
                super::types::SearchResult,
                ::imagen_runtime::Error,
            >,
        > {
            self.0.send()
        }
    }
    /// A `records.get` request, made by [`Records::get`]: set optional parameters, then `.send().await`.
    #[must_use = "a request does nothing until it is sent: call `.send().await`"]
    pub struct Get(::imagen_runtime::Request<super::types::Record>);
    impl Get {
        /// Sends the request and decodes the answer: `.send().await`.
        pub fn send(
            self,
        ) -> impl ::std::future::Future<
            Output = ::std::result::Result<super::types::Record, ::imagen_runtime::Error>,
        > {
            self.0.send()
        }
    }
}
/// ImagenWeb's own resources.
///
/// Reached through `Client::web()`.
pub mod web {
    /// The `web` resource's endpoints, borrowed from a [`Client`](super::Client).
    pub struct Web<'c, S, A> {
        pub(super) client: &'c super::Client<S, A>,
    }
    impl<'c, S: ::imagen_runtime::scope::ScopeSet, A> Web<'c, S, A> {
        /// Search records through ImagenWeb; records carry download URLs for the profiles the user may access.
        ///
        /// `GET /iweb/v1/search` on host `web`.
        ///
        /// - Authentication: user context (OAuth 2.0 access token).
        /// - Scopes: `readUsersData`.
        /// - `query`, in the query: An Imagen Query Language query.
        pub fn search(&self, query: &str) -> Search
        where
            S: ::imagen_runtime::scope::Grants<super::scopes::ReadUsersData, Search>,
            A: ::imagen_runtime::scope::ActsForUser<Search>,
        {
            static ENDPOINT: ::imagen_runtime::endpoint::Endpoint = ::imagen_runtime::endpoint::Endpoint {
                name: "web.search",
                method: ::imagen_runtime::endpoint::Method::Get,
                host: "web",
                path: "/iweb/v1/search",
                auth: ::imagen_runtime::endpoint::Auth::User,
                scopes: &["readUsersData"],
                body: ::imagen_runtime::endpoint::BodyKind::None,
                envelope: ::std::option::Option::None,
            };
            Search(self.client.session().request(&ENDPOINT, &[]).query("query", query))
        }
    }
    /// A `web.search` request, made by [`Web::search`]: set optional parameters, then `.send().await`.
    #[must_use = "a request does nothing until it is sent: call `.send().await`"]
    pub struct Search(::imagen_runtime::Request<super::types::WebSearchResult>);
    impl Search {
        /// Sets `timeout`.
        pub fn timeout(self, value: i32) -> Self {
            Self(self.0.query("timeout", value))
        }
        /// Sets `numRecords`.
        pub fn num_records(self, value: i32) -> Self {
            Self(self.0.query("numRecords", value))
        }
        /// Sets `start`.
        pub fn start(self, value: i32) -> Self {
            Self(self.0.query("start", value))
        }
        /// Sets `searchID`.
        pub fn search_id(self, value: &str) -> Self {
            Self(self.0.query("searchID", value))
        }
        /// Sets `includeMedia`.
        pub fn include_media(self, value: bool) -> Self {
            Self(self.0.query("includeMedia", value))
        }
        /// Sends the request and decodes the answer: `.send().await`.
        pub fn send(
            self,
        ) -> impl ::std::future::Future<
            Output = ::std::result::Result<
                super::types::WebSearchResult,
                ::imagen_runtime::Error,
            >,
        > {
            self.0.send()
        }
    }
}
/// Record import.
///
/// Reached through `Client::import()`.
pub mod import {
    /// The `import` resource's endpoints, borrowed from a [`Client`](super::Client).
    pub struct Import<'c, S, A> {
        pub(super) client: &'c super::Client<S, A>,
    }
    impl<'c, S: ::imagen_runtime::scope::ScopeSet, A> Import<'c, S, A> {
        /// Import records from an XML document; each new record starts a job (about 6000 jobs at a time at most).
        ///
        /// `PUT /imcc/v1/import/record/{mappingFile}` on host `mcc`.
        ///
        /// - Authentication: user context (OAuth 2.0 access token).
        /// - Scopes: `modifyUsersData`.
        /// - `mapping_file` (`mappingFile`), in the path: The mapping file; `NativeImagenXML` for Imagen's own XML.
        /// - `body`: Records in Imagen XML (`<Records><Record>…</Record></Records>`).
        pub fn records(
            &self,
            mapping_file: &str,
            body: impl ::std::convert::Into<::std::string::String>,
        ) -> Records
        where
            S: ::imagen_runtime::scope::Grants<super::scopes::ModifyUsersData, Records>,
            A: ::imagen_runtime::scope::ActsForUser<Records>,
        {
            static ENDPOINT: ::imagen_runtime::endpoint::Endpoint = ::imagen_runtime::endpoint::Endpoint {
                name: "import.records",
                method: ::imagen_runtime::endpoint::Method::Put,
                host: "mcc",
                path: "/imcc/v1/import/record/{mappingFile}",
                auth: ::imagen_runtime::endpoint::Auth::User,
                scopes: &["modifyUsersData"],
                body: ::imagen_runtime::endpoint::BodyKind::Xml,
                envelope: ::std::option::Option::None,
            };
            Records(self.client.session().request(&ENDPOINT, &[&mapping_file]).xml(body))
        }
        /// Progress of an import; readable only with the token that started it.
        ///
        /// `GET /imcc/v1/import/record/{jobGUID}` on host `mcc`.
        ///
        /// - Authentication: user context (OAuth 2.0 access token).
        /// - Scopes: `readUsersData`.
        /// - `job_guid` (`jobGUID`), in the path
        pub fn status(&self, job_guid: &str) -> Status
        where
            S: ::imagen_runtime::scope::Grants<super::scopes::ReadUsersData, Status>,
            A: ::imagen_runtime::scope::ActsForUser<Status>,
        {
            static ENDPOINT: ::imagen_runtime::endpoint::Endpoint = ::imagen_runtime::endpoint::Endpoint {
                name: "import.status",
                method: ::imagen_runtime::endpoint::Method::Get,
                host: "mcc",
                path: "/imcc/v1/import/record/{jobGUID}",
                auth: ::imagen_runtime::endpoint::Auth::User,
                scopes: &["readUsersData"],
                body: ::imagen_runtime::endpoint::BodyKind::None,
                envelope: ::std::option::Option::None,
            };
            Status(self.client.session().request(&ENDPOINT, &[&job_guid]))
        }
    }
    /// A `import.records` request, made by [`Import::records`]: set optional parameters, then `.send().await`.
    #[must_use = "a request does nothing until it is sent: call `.send().await`"]
    pub struct Records(::imagen_runtime::Request<super::types::ImportStarted>);
    impl Records {
        /// Sets `workflow`: Media are processed only when a workflow is given.
        pub fn workflow(self, value: &str) -> Self {
            Self(self.0.query("workflow", value))
        }
        /// Sets `searchfield`: Update the record matched by this field instead of creating one.
        pub fn search_field(self, value: &str) -> Self {
            Self(self.0.query("searchfield", value))
        }
        /// Sets `matchMediaBy`.
        pub fn match_media_by(self, value: &str) -> Self {
            Self(self.0.query("matchMediaBy", value))
        }
        /// Sends the request and decodes the answer: `.send().await`.
        pub fn send(
            self,
        ) -> impl ::std::future::Future<
            Output = ::std::result::Result<
                super::types::ImportStarted,
                ::imagen_runtime::Error,
            >,
        > {
            self.0.send()
        }
    }
    /// A `import.status` request, made by [`Import::status`]: set optional parameters, then `.send().await`.
    #[must_use = "a request does nothing until it is sent: call `.send().await`"]
    pub struct Status(::imagen_runtime::Request<super::types::DatabaseJob>);
    impl Status {
        /// Sets `timeout`.
        pub fn timeout(self, value: i32) -> Self {
            Self(self.0.query("timeout", value))
        }
        /// Sends the request and decodes the answer: `.send().await`.
        pub fn send(
            self,
        ) -> impl ::std::future::Future<
            Output = ::std::result::Result<
                super::types::DatabaseJob,
                ::imagen_runtime::Error,
            >,
        > {
            self.0.send()
        }
    }
}
/// Media processing jobs.
///
/// Reached through `Client::jobs()`.
pub mod jobs {
    /// The `jobs` resource's endpoints, borrowed from a [`Client`](super::Client).
    pub struct Jobs<'c, S, A> {
        pub(super) client: &'c super::Client<S, A>,
    }
    impl<'c, S: ::imagen_runtime::scope::ScopeSet, A> Jobs<'c, S, A> {
        /// Reprocess media with a workflow.
        ///
        /// `PUT /imcc/v1/job` on host `mcc`.
        ///
        /// - Authentication: user context (OAuth 2.0 access token).
        /// - Scopes: `createJobs`.
        /// - `body`: A job document (DatabaseID, Workflow, JobName, ResourceGroup, Priority 1–3, inputs).
        ///
        /// *Assumption: not from Imagen's public documentation.*
        pub fn create(
            &self,
            body: impl ::std::convert::Into<::std::string::String>,
        ) -> Create
        where
            S: ::imagen_runtime::scope::Grants<super::scopes::CreateJobs, Create>,
            A: ::imagen_runtime::scope::ActsForUser<Create>,
        {
            static ENDPOINT: ::imagen_runtime::endpoint::Endpoint = ::imagen_runtime::endpoint::Endpoint {
                name: "jobs.create",
                method: ::imagen_runtime::endpoint::Method::Put,
                host: "mcc",
                path: "/imcc/v1/job",
                auth: ::imagen_runtime::endpoint::Auth::User,
                scopes: &["createJobs"],
                body: ::imagen_runtime::endpoint::BodyKind::Xml,
                envelope: ::std::option::Option::None,
            };
            Create(self.client.session().request(&ENDPOINT, &[]).xml(body))
        }
    }
    /// A `jobs.create` request, made by [`Jobs::create`]: set optional parameters, then `.send().await`.
    #[must_use = "a request does nothing until it is sent: call `.send().await`"]
    pub struct Create(::imagen_runtime::Request<super::types::JobCreated>);
    impl Create {
        /// Sends the request and decodes the answer: `.send().await`.
        pub fn send(
            self,
        ) -> impl ::std::future::Future<
            Output = ::std::result::Result<
                super::types::JobCreated,
                ::imagen_runtime::Error,
            >,
        > {
            self.0.send()
        }
    }
}
/// Media objects.
///
/// Reached through `Client::media()`.
pub mod media {
    /// The `media` resource's endpoints, borrowed from a [`Client`](super::Client).
    pub struct Media<'c, S, A> {
        pub(super) client: &'c super::Client<S, A>,
    }
    impl<'c, S: ::imagen_runtime::scope::ScopeSet, A> Media<'c, S, A> {
        /// Delete a media object.
        ///
        /// `DELETE /imcc/v1/media/{mediaId}/{deleteSegments}` on host `mcc`.
        ///
        /// - Authentication: user context (OAuth 2.0 access token).
        /// - Scopes: `modifyUsersData`.
        /// - `media_id` (`mediaId`), in the path
        /// - `delete_segments` (`deleteSegments`), in the path: `1` to delete the segments too, `0` to keep them.
        pub fn delete(&self, media_id: i64, delete_segments: u8) -> Delete
        where
            S: ::imagen_runtime::scope::Grants<super::scopes::ModifyUsersData, Delete>,
            A: ::imagen_runtime::scope::ActsForUser<Delete>,
        {
            static ENDPOINT: ::imagen_runtime::endpoint::Endpoint = ::imagen_runtime::endpoint::Endpoint {
                name: "media.delete",
                method: ::imagen_runtime::endpoint::Method::Delete,
                host: "mcc",
                path: "/imcc/v1/media/{mediaId}/{deleteSegments}",
                auth: ::imagen_runtime::endpoint::Auth::User,
                scopes: &["modifyUsersData"],
                body: ::imagen_runtime::endpoint::BodyKind::None,
                envelope: ::std::option::Option::None,
            };
            Delete(
                self.client.session().request(&ENDPOINT, &[&media_id, &delete_segments]),
            )
        }
    }
    /// A `media.delete` request, made by [`Media::delete`]: set optional parameters, then `.send().await`.
    #[must_use = "a request does nothing until it is sent: call `.send().await`"]
    pub struct Delete(::imagen_runtime::Request<super::types::DeleteResult>);
    impl Delete {
        /// Sends the request and decodes the answer: `.send().await`.
        pub fn send(
            self,
        ) -> impl ::std::future::Future<
            Output = ::std::result::Result<
                super::types::DeleteResult,
                ::imagen_runtime::Error,
            >,
        > {
            self.0.send()
        }
    }
}
/// Workflows.
///
/// Reached through `Client::workflows()`.
pub mod workflows {
    /// The `workflows` resource's endpoints, borrowed from a [`Client`](super::Client).
    pub struct Workflows<'c, S, A> {
        pub(super) client: &'c super::Client<S, A>,
    }
    impl<'c, S: ::imagen_runtime::scope::ScopeSet, A> Workflows<'c, S, A> {
        /// Workflows the user may start.
        ///
        /// `GET /imcc/v1/workflows` on host `mcc`.
        ///
        /// - Authentication: user context (OAuth 2.0 access token).
        /// - Scopes: `createJobs`.
        pub fn list(&self) -> List
        where
            S: ::imagen_runtime::scope::Grants<super::scopes::CreateJobs, List>,
            A: ::imagen_runtime::scope::ActsForUser<List>,
        {
            static ENDPOINT: ::imagen_runtime::endpoint::Endpoint = ::imagen_runtime::endpoint::Endpoint {
                name: "workflows.list",
                method: ::imagen_runtime::endpoint::Method::Get,
                host: "mcc",
                path: "/imcc/v1/workflows",
                auth: ::imagen_runtime::endpoint::Auth::User,
                scopes: &["createJobs"],
                body: ::imagen_runtime::endpoint::BodyKind::None,
                envelope: ::std::option::Option::None,
            };
            List(self.client.session().request(&ENDPOINT, &[]))
        }
    }
    /// A `workflows.list` request, made by [`Workflows::list`]: set optional parameters, then `.send().await`.
    #[must_use = "a request does nothing until it is sent: call `.send().await`"]
    pub struct List(::imagen_runtime::Request<::std::vec::Vec<super::types::Workflow>>);
    impl List {
        /// Sends the request and decodes the answer: `.send().await`.
        pub fn send(
            self,
        ) -> impl ::std::future::Future<
            Output = ::std::result::Result<
                ::std::vec::Vec<super::types::Workflow>,
                ::imagen_runtime::Error,
            >,
        > {
            self.0.send()
        }
    }
}
/// Media profiles.
///
/// Reached through `Client::profiles()`.
pub mod profiles {
    /// The `profiles` resource's endpoints, borrowed from a [`Client`](super::Client).
    pub struct Profiles<'c, S, A> {
        pub(super) client: &'c super::Client<S, A>,
    }
    impl<'c, S: ::imagen_runtime::scope::ScopeSet, A> Profiles<'c, S, A> {
        /// The media profiles of the installation.
        ///
        /// `GET /imcc/v1/profiles` on host `mcc`.
        ///
        /// - Authentication: none.
        /// - Scopes: none.
        pub fn list(&self) -> List {
            static ENDPOINT: ::imagen_runtime::endpoint::Endpoint = ::imagen_runtime::endpoint::Endpoint {
                name: "profiles.list",
                method: ::imagen_runtime::endpoint::Method::Get,
                host: "mcc",
                path: "/imcc/v1/profiles",
                auth: ::imagen_runtime::endpoint::Auth::None,
                scopes: &[],
                body: ::imagen_runtime::endpoint::BodyKind::None,
                envelope: ::std::option::Option::None,
            };
            List(self.client.session().request(&ENDPOINT, &[]))
        }
    }
    /// A `profiles.list` request, made by [`Profiles::list`]: set optional parameters, then `.send().await`.
    #[must_use = "a request does nothing until it is sent: call `.send().await`"]
    pub struct List(::imagen_runtime::Request<::std::vec::Vec<super::types::Profile>>);
    impl List {
        /// Sets `type`: Only profiles of this kind.
        pub fn profile_type(self, value: super::types::ProfileType) -> Self {
            Self(self.0.query("type", value))
        }
        /// Sets `usage`: Only profiles for this kind of media.
        pub fn usage(self, value: super::types::ProfileUsage) -> Self {
            Self(self.0.query("usage", value))
        }
        /// Sends the request and decodes the answer: `.send().await`.
        pub fn send(
            self,
        ) -> impl ::std::future::Future<
            Output = ::std::result::Result<
                ::std::vec::Vec<super::types::Profile>,
                ::imagen_runtime::Error,
            >,
        > {
            self.0.send()
        }
    }
}
/// The authorizing user.
///
/// Reached through `Client::user()`.
pub mod user {
    /// The `user` resource's endpoints, borrowed from a [`Client`](super::Client).
    pub struct User<'c, S, A> {
        pub(super) client: &'c super::Client<S, A>,
    }
    impl<'c, S: ::imagen_runtime::scope::ScopeSet, A> User<'c, S, A> {
        /// The user who authorized the application.
        ///
        /// `GET /imcc/v1/user` on host `mcc`.
        ///
        /// - Authentication: user context (OAuth 2.0 access token).
        /// - Scopes: `readUsersData`.
        pub fn current(&self) -> Current
        where
            S: ::imagen_runtime::scope::Grants<super::scopes::ReadUsersData, Current>,
            A: ::imagen_runtime::scope::ActsForUser<Current>,
        {
            static ENDPOINT: ::imagen_runtime::endpoint::Endpoint = ::imagen_runtime::endpoint::Endpoint {
                name: "user.current",
                method: ::imagen_runtime::endpoint::Method::Get,
                host: "mcc",
                path: "/imcc/v1/user",
                auth: ::imagen_runtime::endpoint::Auth::User,
                scopes: &["readUsersData"],
                body: ::imagen_runtime::endpoint::BodyKind::None,
                envelope: ::std::option::Option::None,
            };
            Current(self.client.session().request(&ENDPOINT, &[]))
        }
    }
    /// A `user.current` request, made by [`User::current`]: set optional parameters, then `.send().await`.
    #[must_use = "a request does nothing until it is sent: call `.send().await`"]
    pub struct Current(::imagen_runtime::Request<super::types::User>);
    impl Current {
        /// Sends the request and decodes the answer: `.send().await`.
        pub fn send(
            self,
        ) -> impl ::std::future::Future<
            Output = ::std::result::Result<super::types::User, ::imagen_runtime::Error>,
        > {
            self.0.send()
        }
    }
}
/// Change history of records and media.
///
/// Reached through `Client::history()`.
pub mod history {
    /// The `history` resource's endpoints, borrowed from a [`Client`](super::Client).
    pub struct History<'c, S, A> {
        pub(super) client: &'c super::Client<S, A>,
    }
    impl<'c, S: ::imagen_runtime::scope::ScopeSet, A> History<'c, S, A> {
        /// Changes to records and media, newest first by default.
        ///
        /// `GET /imcc/v1/history` on host `mcc`.
        ///
        /// - Authentication: user context (OAuth 2.0 access token).
        /// - Scopes: `readUsersData`.
        pub fn list(&self) -> List
        where
            S: ::imagen_runtime::scope::Grants<super::scopes::ReadUsersData, List>,
            A: ::imagen_runtime::scope::ActsForUser<List>,
        {
            static ENDPOINT: ::imagen_runtime::endpoint::Endpoint = ::imagen_runtime::endpoint::Endpoint {
                name: "history.list",
                method: ::imagen_runtime::endpoint::Method::Get,
                host: "mcc",
                path: "/imcc/v1/history",
                auth: ::imagen_runtime::endpoint::Auth::User,
                scopes: &["readUsersData"],
                body: ::imagen_runtime::endpoint::BodyKind::None,
                envelope: ::std::option::Option::None,
            };
            List(self.client.session().request(&ENDPOINT, &[]))
        }
    }
    /// A `history.list` request, made by [`History::list`]: set optional parameters, then `.send().await`.
    #[must_use = "a request does nothing until it is sent: call `.send().await`"]
    pub struct List(::imagen_runtime::Request<super::types::HistoryPage>);
    impl List {
        /// Sets `query`: A media or record ID.
        pub fn query(self, value: &str) -> Self {
            Self(self.0.query("query", value))
        }
        /// Sets `type`: `create`, `edit` or `delete`.
        pub fn change(self, value: &str) -> Self {
            Self(self.0.query("type", value))
        }
        /// Sets `limit`: Entries per page (default 48, at most 100).
        pub fn limit(self, value: i32) -> Self {
            Self(self.0.query("limit", value))
        }
        /// Sets `start`.
        pub fn start(self, value: i32) -> Self {
            Self(self.0.query("start", value))
        }
        /// Sets `sort`: `modifiedDate asc` or `modifiedDate desc`.
        pub fn sort(self, value: &str) -> Self {
            Self(self.0.query("sort", value))
        }
        /// Sets `recordID`.
        pub fn record_id(self, value: i64) -> Self {
            Self(self.0.query("recordID", value))
        }
        /// Sets `getTotalCount`.
        pub fn get_total_count(self, value: bool) -> Self {
            Self(self.0.query("getTotalCount", value))
        }
        /// Sets `userID`.
        pub fn user_id(self, value: i64) -> Self {
            Self(self.0.query("userID", value))
        }
        /// Sends the request and decodes the answer: `.send().await`.
        pub fn send(
            self,
        ) -> impl ::std::future::Future<
            Output = ::std::result::Result<
                super::types::HistoryPage,
                ::imagen_runtime::Error,
            >,
        > {
            self.0.send()
        }
    }
}
