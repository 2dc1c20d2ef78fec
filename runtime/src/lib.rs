//! Hand-written support code for awsgen-generated crates. Every module here is copied verbatim
//! into a generated crate as `crate::runtime::<module>`, so modules refer to each other only
//! through `super::`.

pub mod timestamp;
