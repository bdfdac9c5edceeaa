// A misspelt scope, and a wire name where the marker type is expected.
imagen::scopes!(pub MyApp = ReadUserData, createJobs);

fn main() {}
