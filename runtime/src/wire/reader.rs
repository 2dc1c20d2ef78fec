//! The pull reader of one body, JSON or CBOR: [`Reader`] has the methods generated parsers and
//! the shared code (error envelope, documents) call, written once over [`Decode`], which each
//! format implements with its own code (`json::JsonDecoder`, `cbor::CborDecoder`). What only
//! one format has (typed scalars, `opt_*`, duplicate errors, …) is the decoder's own, reached
//! through `Deref`.

use std::borrow::Cow;
use std::ops::{Deref, DerefMut};

use super::Kind;

/// How one body format reads each kind of value: the code of [`Reader`]'s methods.
pub trait Decode<'a> {
    /// Why reading failed (carries the byte offset).
    type Error;
    /// The state of one object being read.
    type Object;
    /// The state of one array being read.
    type Array;

    /// An error at the current position.
    fn error(&self, message: impl Into<Cow<'static, str>>) -> Self::Error;
    /// The kind of the next value; an error for what a document cannot hold (a CBOR tag or
    /// byte string).
    fn kind(&mut self) -> Result<Kind, Self::Error>;
    /// Whether the next value is an object.
    fn is_object(&mut self) -> Result<bool, Self::Error>;
    /// Whether the next value is a string.
    fn is_string(&mut self) -> Result<bool, Self::Error>;
    /// If the next value is `null`, reads it and returns `true`.
    fn null(&mut self) -> Result<bool, Self::Error>;
    /// Reads a boolean.
    fn bool(&mut self) -> Result<bool, Self::Error>;
    /// Reads a string.
    fn string(&mut self) -> Result<Cow<'a, str>, Self::Error>;
    /// Starts reading an object.
    fn begin_object(&mut self) -> Result<Self::Object, Self::Error>;
    /// The next key of `object`, or `None` at its end.
    fn next_key(&mut self, object: &mut Self::Object) -> Result<Option<Cow<'a, str>>, Self::Error>;
    /// Starts reading an array.
    fn begin_array(&mut self) -> Result<Self::Array, Self::Error>;
    /// Whether `array` has another item.
    fn next_item(&mut self, array: &mut Self::Array) -> Result<bool, Self::Error>;
    /// Skips the next value.
    fn skip(&mut self) -> Result<(), Self::Error>;
    /// Checks that nothing follows the value read.
    fn finish(&mut self) -> Result<(), Self::Error>;
}

/// Reads one body in the format of `D`, value by value (`json::JsonReader` is
/// `Reader<JsonDecoder>`).
///
/// Generated parsers use it like this (every `?` error carries the byte offset):
///
/// ```text
/// let mut object = r.begin_object()?;
/// while let Some(key) = r.next_key(&mut object)? {
///     match key.as_ref() {
///         "Name" => name = r.opt_string()?,
///         _ => r.skip()?,
///     }
/// }
/// ```
#[derive(Debug)]
pub struct Reader<D>(pub(crate) D);

impl<'a, D: Decode<'a>> Reader<D> {
    /// An error at the current position.
    #[inline]
    pub fn error(&self, message: impl Into<Cow<'static, str>>) -> D::Error {
        self.0.error(message)
    }

    /// The kind of the next value, without reading it.
    #[inline]
    pub fn kind(&mut self) -> Result<Kind, D::Error> {
        self.0.kind()
    }

    /// Whether the next value is an object.
    #[inline]
    pub fn is_object(&mut self) -> Result<bool, D::Error> {
        self.0.is_object()
    }

    /// Whether the next value is a string.
    #[inline]
    pub fn is_string(&mut self) -> Result<bool, D::Error> {
        self.0.is_string()
    }

    /// If the next value is `null` (in CBOR also `undefined`), reads it and returns `true`.
    #[inline]
    pub fn null(&mut self) -> Result<bool, D::Error> {
        self.0.null()
    }

    /// Reads a boolean.
    #[inline]
    pub fn bool(&mut self) -> Result<bool, D::Error> {
        self.0.bool()
    }

    /// Reads a string, borrowed from the body when it can be.
    #[inline]
    pub fn string(&mut self) -> Result<Cow<'a, str>, D::Error> {
        self.0.string()
    }

    /// Reads `f`'s value, or `None` for `null` (in CBOR also `undefined`). Not `#[inline]`: it
    /// wraps a whole structure's parser, and inlining those into each other costs more than
    /// the call (measured with `bench/callgrind.sh json-response`).
    pub fn opt<T>(
        &mut self,
        f: impl FnOnce(&mut Self) -> Result<T, D::Error>,
    ) -> Result<Option<T>, D::Error> {
        if self.null()? {
            Ok(None)
        } else {
            f(self).map(Some)
        }
    }

    /// Starts reading an object into the structure `name` (the shape, named in errors):
    /// [`Object::members`] reads it.
    #[inline]
    pub fn object(&mut self, name: &'static str) -> Object<'_, D> {
        Object { r: self, name }
    }

    #[cold]
    #[inline(never)]
    fn duplicate_member_error(&self, member: &str, structure: &'static str) -> D::Error {
        self.0.error(crate::operation::duplicate_member_message(
            member, structure,
        ))
    }

    /// Skips the value of a member the parser does not know: `Ok(true)`, for
    /// [`Object::members`].
    #[inline]
    pub fn skip_member(&mut self) -> Result<bool, D::Error> {
        self.skip()?;
        Ok(true)
    }

    /// Starts reading an object with exactly one member set into a union `T`, whose
    /// `unknown(name)` is the variant of a member it does not have: [`Union::members`] reads
    /// it.
    #[inline]
    pub fn union<T>(&mut self, unknown: fn(String) -> T) -> Union<'_, D, T> {
        Union { r: self, unknown }
    }

    /// The variant `variant` of a union, holding the member's value: `Some(None)` for `null`
    /// (no value); for [`Union::members`].
    #[inline]
    pub fn variant<V: Read<'a, D>, T>(
        &mut self,
        variant: fn(V) -> T,
    ) -> Result<Option<Option<T>>, D::Error> {
        if self.null()? {
            return Ok(Some(None));
        }
        V::read(self).map(|value| Some(Some(variant(value))))
    }

    /// Reads a value that reads itself ([`Read`]), or `None` for `null`.
    #[inline]
    pub fn opt_value<T: Read<'a, D>>(&mut self) -> Result<Option<T>, D::Error> {
        if self.null()? {
            return Ok(None);
        }
        T::read(self).map(Some)
    }

    /// Reads a member's value into `slot` (`null` leaves it as it is): `false` when the slot
    /// had a value already (see [`super::set`]). One call per member of a structure whose
    /// value reads itself ([`Read`]).
    #[inline]
    pub fn set<T: Read<'a, D>>(&mut self, slot: &mut Option<T>) -> Result<bool, D::Error> {
        // The null check inline (not `opt`, which is not inlined): a scalar member is then
        // read without a call (measured with `bench/callgrind.sh json-response`).
        if self.null()? {
            return Ok(true);
        }
        let value = T::read(self)?;
        Ok(super::set(slot, Some(value)))
    }

    /// Starts reading an object; then call [`next_key`](Self::next_key) until it gives `None`.
    #[inline]
    pub fn begin_object(&mut self) -> Result<D::Object, D::Error> {
        self.0.begin_object()
    }

    /// The next key of `object`, or `None` at its end; the caller then reads or skips the
    /// member's value.
    #[inline]
    pub fn next_key(&mut self, object: &mut D::Object) -> Result<Option<Cow<'a, str>>, D::Error> {
        self.0.next_key(object)
    }

    /// Starts reading an array; then call [`next_item`](Self::next_item) before each item.
    #[inline]
    pub fn begin_array(&mut self) -> Result<D::Array, D::Error> {
        self.0.begin_array()
    }

    /// Whether `array` has another item (which the caller then reads or skips).
    #[inline]
    pub fn next_item(&mut self, array: &mut D::Array) -> Result<bool, D::Error> {
        self.0.next_item(array)
    }

    /// Skips the next value, however deeply nested (within the format's depth bound).
    #[inline]
    pub fn skip(&mut self) -> Result<(), D::Error> {
        self.0.skip()
    }

    /// Checks that nothing but whitespace (JSON) or nothing at all (CBOR) follows the value
    /// read.
    #[inline]
    pub fn finish(&mut self) -> Result<(), D::Error> {
        self.0.finish()
    }
}

/// An object being read into a structure: [`Reader::object`].
#[derive(Debug)]
pub struct Object<'r, D> {
    r: &'r mut Reader<D>,
    name: &'static str,
}

impl<'a, D: Decode<'a>> Object<'_, D> {
    /// Reads the object into a `T`, from `T::default()`, member by member: `member(r, out,
    /// key)` reads the value of the member `key` into `out` and gives `false` when the member
    /// had a value already (an error naming the member and the structure); a member the
    /// structure does not have is skipped ([`Reader::skip_member`]). The loop of every
    /// generated structure parser, written once. Inlined into each parser, as the loop was
    /// when it was generated (measured with `bench/callgrind.sh cbor-response`).
    #[inline]
    pub fn members<T: Default>(
        self,
        mut member: impl FnMut(&mut Reader<D>, &mut T, &str) -> Result<bool, D::Error>,
    ) -> Result<T, D::Error> {
        let r = self.r;
        let mut out = T::default();
        let mut object = r.begin_object()?;
        while let Some(key) = r.next_key(&mut object)? {
            if !member(r, &mut out, &key)? {
                return Err(r.duplicate_member_error(&key, self.name));
            }
        }
        Ok(out)
    }
}

/// An object being read into a union: [`Reader::union`].
#[derive(Debug)]
pub struct Union<'r, D, T> {
    r: &'r mut Reader<D>,
    unknown: fn(String) -> T,
}

impl<'a, D: Decode<'a>, T> Union<'_, D, T> {
    /// Reads the union: `member(r, key)` reads the variant of the member `key`
    /// ([`Reader::variant`]; `Some(None)` for `null`, which is not a value), or gives `None`
    /// for a member the union does not have, which is skipped and kept as `unknown(key)`
    /// unless a known member is set too. `__type` is ignored; two known members, or none,
    /// are an error. The loop of every generated union parser, written once.
    pub fn members(
        self,
        mut member: impl FnMut(&mut Reader<D>, &str) -> Result<Option<Option<T>>, D::Error>,
    ) -> Result<T, D::Error> {
        let r = self.r;
        let mut out: Option<T> = None;
        let mut known = false;
        let mut object = r.begin_object()?;
        while let Some(key) = r.next_key(&mut object)? {
            if key == "__type" {
                r.skip()?;
                continue;
            }
            match member(r, &key)? {
                Some(Some(value)) => {
                    if known {
                        return Err(r.error("union with more than one member set"));
                    }
                    out = Some(value);
                    known = true;
                }
                Some(None) => {}
                None => {
                    r.skip()?;
                    if out.is_none() {
                        out = Some((self.unknown)(key.into_owned()));
                    }
                }
            }
        }
        out.ok_or_else(|| r.error("union with no member set"))
    }
}

impl<D> Deref for Reader<D> {
    type Target = D;

    #[inline]
    fn deref(&self) -> &D {
        &self.0
    }
}

impl<D> DerefMut for Reader<D> {
    #[inline]
    fn deref_mut(&mut self) -> &mut D {
        &mut self.0
    }
}

/// A value that reads itself from the format `D`, so that [`Reader::set`] and the lists read
/// it: strings and booleans the same way in every format (here); integers, floats, timestamps
/// and blobs with each format's decoder (`json`, `cbor`); a structure or union by the parser
/// generated for its service's format; a list of such values (here, so that no list needs a
/// function of its own). Enums, documents and maps (whose duplicate keys are errors naming the
/// map) are read by generated code.
pub trait Read<'a, D: Decode<'a>>: Sized {
    /// Reads the value (not `null`: the caller handles it).
    fn read(r: &mut Reader<D>) -> Result<Self, D::Error>;
}

impl<'a, D: Decode<'a>> Read<'a, D> for String {
    #[inline]
    fn read(r: &mut Reader<D>) -> Result<Self, D::Error> {
        r.string().map(Cow::into_owned)
    }
}

impl<'a, D: Decode<'a>> Read<'a, D> for bool {
    #[inline]
    fn read(r: &mut Reader<D>) -> Result<Self, D::Error> {
        r.bool()
    }
}

impl<'a, D: Decode<'a>, T: Read<'a, D>> Read<'a, D> for Box<T> {
    #[inline]
    fn read(r: &mut Reader<D>) -> Result<Self, D::Error> {
        T::read(r).map(Box::new)
    }
}

/// A list: the items of an array; a `null` item is left out (as botocore does for lists that
/// are not sparse).
impl<'a, D: Decode<'a>, T: Read<'a, D>> Read<'a, D> for Vec<T> {
    fn read(r: &mut Reader<D>) -> Result<Self, D::Error> {
        let mut out = Vec::new();
        let mut array = r.begin_array()?;
        while r.next_item(&mut array)? {
            if !r.null()? {
                out.push(T::read(r)?);
            }
        }
        Ok(out)
    }
}

/// Reads a `T` ([`Read`]): the parser of a whole body (`json::parse_body(status, body,
/// wire::read::<Type, _>)`).
#[inline]
pub fn read<'a, T: Read<'a, D>, D: Decode<'a>>(r: &mut Reader<D>) -> Result<T, D::Error> {
    T::read(r)
}

/// `Read` of the scalars a format's decoder reads with methods of its own: `read_with!(Decoder:
/// i32 => int, …)`.
macro_rules! read_with {
    ($decoder:ident: $($ty:ty => $method:ident),* $(,)?) => {$(
        impl<'a> $crate::wire::Read<'a, $decoder<'a>> for $ty {
            #[inline]
            fn read(
                r: &mut $crate::wire::Reader<$decoder<'a>>,
            ) -> Result<Self, <$decoder<'a> as $crate::wire::Decode<'a>>::Error> {
                r.$method()
            }
        }
    )*};
}
pub(crate) use read_with;
