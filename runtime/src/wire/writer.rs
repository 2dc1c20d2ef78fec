//! The writer of one body, JSON or CBOR: [`Writer`] has the methods generated serializers and
//! the shared document writer call, written once over [`Encode`], which each format implements
//! with its own code (`json::JsonEncoder`, `cbor::CborEncoder`). What only one format has
//! (JSON's `begin_object`, CBOR's `bytes`, …) is the encoder's own, reached through `Deref`.

use std::ops::{Deref, DerefMut};

/// How one body format writes each kind of value: the code of [`Writer`]'s methods.
pub trait Encode {
    /// Writes `null`.
    fn null(&mut self);
    /// Writes a boolean.
    fn bool(&mut self, value: bool);
    /// Writes a non-negative integer.
    fn uint(&mut self, value: u64);
    /// Writes an integer.
    fn int(&mut self, value: i64);
    /// Writes a 64-bit float.
    fn f64(&mut self, value: f64);
    /// Writes a string.
    fn string(&mut self, value: &str);
    /// Starts a map of `len` entries.
    fn begin_map(&mut self, len: usize);
    /// Writes a map key.
    fn key(&mut self, key: &str);
    /// Ends a map.
    fn end_map(&mut self);
    /// Starts an array of `len` items.
    fn begin_array(&mut self, len: usize);
    /// Ends an array.
    fn end_array(&mut self);
}

/// Writes one body in the format of `E`, value by value (`json::JsonWriter` is
/// `Writer<JsonEncoder>`). Writing cannot fail; the caller is trusted to nest `begin_*`/`end_*`
/// correctly (generated code does).
#[derive(Debug, Default)]
pub struct Writer<E>(pub(crate) E);

impl<E: Encode> Writer<E> {
    /// Writes `null` (only documents contain nulls; members that are not set are left out).
    #[inline]
    pub fn null(&mut self) {
        self.0.null();
    }

    /// Writes a boolean.
    #[inline]
    pub fn bool(&mut self, value: bool) {
        self.0.bool(value);
    }

    /// Writes a non-negative integer (documents only).
    #[inline]
    pub fn uint(&mut self, value: u64) {
        self.0.uint(value);
    }

    /// Writes an integer.
    #[inline]
    pub fn int(&mut self, value: i64) {
        self.0.int(value);
    }

    /// Writes a 64-bit float.
    #[inline]
    pub fn f64(&mut self, value: f64) {
        self.0.f64(value);
    }

    /// Writes a string.
    #[inline]
    pub fn string(&mut self, value: &str) {
        self.0.string(value);
    }

    /// Opens a map of `len` entries.
    #[inline]
    pub fn begin_map(&mut self, len: usize) {
        self.0.begin_map(len);
    }

    /// Writes the key of the next map or structure member.
    #[inline]
    pub fn key(&mut self, key: &str) {
        self.0.key(key);
    }

    /// Closes the map opened last.
    #[inline]
    pub fn end_map(&mut self) {
        self.0.end_map();
    }

    /// Opens an array of `len` items.
    #[inline]
    pub fn begin_array(&mut self, len: usize) {
        self.0.begin_array(len);
    }

    /// Closes the array opened last.
    #[inline]
    pub fn end_array(&mut self) {
        self.0.end_array();
    }

    /// Writes the member `key` when it is set (a member not set is left out): one call per
    /// member of a structure whose value writes itself ([`Write`]), in place of the four lines
    /// each would take.
    #[inline]
    pub fn field<T: Write<E>>(&mut self, key: &str, value: &Option<T>) {
        if let Some(value) = value {
            self.key(key);
            value.write(self);
        }
    }

    /// Writes the member `key` with its value (a union's variant).
    #[inline]
    pub fn member<T: Write<E> + ?Sized>(&mut self, key: &str, value: &T) {
        self.key(key);
        value.write(self);
    }
}

/// A value that writes itself in the format `E`, so that [`Writer::field`] and the
/// collections write it: strings, booleans, integers and doubles the same way in every format
/// (here); a structure or union by the serializer generated for its service's format (the
/// generated crate implements `Write<JsonEncoder>` or `Write<CborEncoder>`); a list or map of
/// such values (here, so that no list or map needs a function of its own). What depends on
/// the member (a timestamp's format) or on the format (blobs, floats, enums) is written by the
/// generated serializer itself.
pub trait Write<E> {
    /// Writes the value.
    fn write(&self, w: &mut Writer<E>);
}

impl<E: Encode> Write<E> for String {
    #[inline]
    fn write(&self, w: &mut Writer<E>) {
        w.string(self);
    }
}

impl<E: Encode> Write<E> for bool {
    #[inline]
    fn write(&self, w: &mut Writer<E>) {
        w.bool(*self);
    }
}

impl<E: Encode> Write<E> for f64 {
    #[inline]
    fn write(&self, w: &mut Writer<E>) {
        w.f64(*self);
    }
}

impl<E: Encode> Write<E> for i64 {
    #[inline]
    fn write(&self, w: &mut Writer<E>) {
        w.int(*self);
    }
}

/// The narrower integers, written as `i64`.
macro_rules! scalar_int {
    ($($ty:ty),*) => {$(
        impl<E: Encode> Write<E> for $ty {
            #[inline]
            fn write(&self, w: &mut Writer<E>) {
                w.int(i64::from(*self));
            }
        }
    )*};
}

scalar_int!(i8, i16, i32);

impl<E, T: Write<E> + ?Sized> Write<E> for Box<T> {
    #[inline]
    fn write(&self, w: &mut Writer<E>) {
        (**self).write(w);
    }
}

/// A list: an array of its items.
impl<E: Encode, T: Write<E>> Write<E> for Vec<T> {
    fn write(&self, w: &mut Writer<E>) {
        w.begin_array(self.len());
        for item in self {
            item.write(w);
        }
        w.end_array();
    }
}

/// A map (its keys strings or string enums): an object of its entries, in order.
impl<E: Encode, K: AsRef<str>, V: Write<E>> Write<E> for indexmap::IndexMap<K, V> {
    fn write(&self, w: &mut Writer<E>) {
        w.begin_map(self.len());
        for (key, value) in self {
            w.key(key.as_ref());
            value.write(w);
        }
        w.end_map();
    }
}

impl<E> Deref for Writer<E> {
    type Target = E;

    #[inline]
    fn deref(&self) -> &E {
        &self.0
    }
}

impl<E> DerefMut for Writer<E> {
    #[inline]
    fn deref_mut(&mut self) -> &mut E {
        &mut self.0
    }
}
