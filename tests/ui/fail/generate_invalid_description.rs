// generate! reports a bad description at the path literal, with file, line and column.
imagen::generate!("../invalid.yaml");

fn main() {}
