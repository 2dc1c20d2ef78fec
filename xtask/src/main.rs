//! `cargo xtask`: awsgen's command line.
fn main() {}
