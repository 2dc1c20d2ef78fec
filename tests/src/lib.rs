//! Shared helpers for awsgen integration tests.
