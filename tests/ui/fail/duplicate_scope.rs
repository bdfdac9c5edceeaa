imagen::scopes!(pub MyApp = ReadUsersData, CreateJobs, ReadUsersData);

fn main() {}
