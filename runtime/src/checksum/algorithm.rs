//! The flexible checksum algorithms (`x-amz-checksum-<algorithm>`) and their incremental
//! hashers: CRC32 (`crc32fast`), CRC32C (`crc32c`), CRC64NVME (`super::crc64`), SHA-1 (`sha1`)
//! SHA-256 and SHA-512 (`sha2`), each value sent as the base64 of its big-endian bytes.

use sha1::Digest as _;

/// A checksum algorithm a request or response can carry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Algorithm {
    /// CRC32 (ISO-HDLC, zlib's): 4 bytes.
    Crc32,
    /// CRC32C (Castagnoli): 4 bytes.
    Crc32c,
    /// CRC64NVME: 8 bytes.
    Crc64Nvme,
    /// SHA-1: 20 bytes.
    Sha1,
    /// SHA-256: 32 bytes.
    Sha256,
    /// SHA-512: 64 bytes.
    Sha512,
}

impl Algorithm {
    /// The order in which a response's checksums are tried (botocore's
    /// `_ALGORITHMS_PRIORITY_LIST`, less the XXHASH ones it computes only with the CRT): the
    /// fastest first.
    pub const PRIORITY: [Algorithm; 6] = [
        Algorithm::Crc64Nvme,
        Algorithm::Crc32c,
        Algorithm::Crc32,
        Algorithm::Sha1,
        Algorithm::Sha256,
        Algorithm::Sha512,
    ];

    /// The algorithm a model or a header names (`CRC32`, `crc32c`, …, in any case); `None`
    /// for one this runtime does not compute (`MD5`, `XXHASH64`, `XXHASH3`, `XXHASH128`).
    pub fn from_name(name: &str) -> Option<Self> {
        Self::PRIORITY
            .into_iter()
            .find(|a| a.name().eq_ignore_ascii_case(name))
    }

    /// The name as the models write it (`CRC32C`).
    pub fn name(self) -> &'static str {
        match self {
            Algorithm::Crc32 => "CRC32",
            Algorithm::Crc32c => "CRC32C",
            Algorithm::Crc64Nvme => "CRC64NVME",
            Algorithm::Sha1 => "SHA1",
            Algorithm::Sha256 => "SHA256",
            Algorithm::Sha512 => "SHA512",
        }
    }

    /// The header that carries the checksum (`x-amz-checksum-crc32c`).
    pub fn header_name(self) -> &'static str {
        match self {
            Algorithm::Crc32 => "x-amz-checksum-crc32",
            Algorithm::Crc32c => "x-amz-checksum-crc32c",
            Algorithm::Crc64Nvme => "x-amz-checksum-crc64nvme",
            Algorithm::Sha1 => "x-amz-checksum-sha1",
            Algorithm::Sha256 => "x-amz-checksum-sha256",
            Algorithm::Sha512 => "x-amz-checksum-sha512",
        }
    }

    /// The algorithm whose checksum header is `name` (any case).
    pub fn from_header_name(name: &str) -> Option<Self> {
        Self::PRIORITY
            .into_iter()
            .find(|a| a.header_name().eq_ignore_ascii_case(name))
    }

    /// The length of the checksum as the header carries it (base64, padded).
    pub fn encoded_length(self) -> u64 {
        let bytes: u64 = match self {
            Algorithm::Crc32 | Algorithm::Crc32c => 4,
            Algorithm::Crc64Nvme => 8,
            Algorithm::Sha1 => 20,
            Algorithm::Sha256 => 32,
            Algorithm::Sha512 => 64,
        };
        bytes.div_ceil(3) * 4
    }

    /// A hasher of this algorithm, fed nothing yet.
    pub fn hasher(self) -> Hasher {
        Hasher::new(self)
    }

    /// The checksum of `data` as the header carries it: base64.
    pub fn checksum(self, data: &[u8]) -> String {
        let mut hasher = self.hasher();
        hasher.update(data);
        hasher.finalize_base64()
    }
}

/// An incremental checksum: feed the body in pieces with [`update`](Self::update), then
/// [`finalize`](Self::finalize). For bodies sent or received in pieces (and the trailing
/// checksum of a chunked upload).
#[derive(Clone, Debug)]
pub struct Hasher {
    state: State,
}

#[derive(Clone, Debug)]
enum State {
    Crc32(crc32fast::Hasher),
    Crc32c(u32),
    Crc64Nvme(u64),
    Sha1(sha1::Sha1),
    Sha256(sha2::Sha256),
    Sha512(sha2::Sha512),
}

impl Hasher {
    /// A hasher of `algorithm`, fed nothing yet.
    pub fn new(algorithm: Algorithm) -> Self {
        let state = match algorithm {
            Algorithm::Crc32 => State::Crc32(crc32fast::Hasher::new()),
            Algorithm::Crc32c => State::Crc32c(0),
            Algorithm::Crc64Nvme => State::Crc64Nvme(super::crc64::INIT),
            Algorithm::Sha1 => State::Sha1(sha1::Sha1::new()),
            Algorithm::Sha256 => State::Sha256(sha2::Sha256::new()),
            Algorithm::Sha512 => State::Sha512(sha2::Sha512::new()),
        };
        Self { state }
    }

    /// The algorithm.
    pub fn algorithm(&self) -> Algorithm {
        match self.state {
            State::Crc32(_) => Algorithm::Crc32,
            State::Crc32c(_) => Algorithm::Crc32c,
            State::Crc64Nvme(_) => Algorithm::Crc64Nvme,
            State::Sha1(_) => Algorithm::Sha1,
            State::Sha256(_) => Algorithm::Sha256,
            State::Sha512(_) => Algorithm::Sha512,
        }
    }

    /// Feeds the next bytes.
    pub fn update(&mut self, data: &[u8]) {
        match &mut self.state {
            State::Crc32(h) => h.update(data),
            State::Crc32c(crc) => *crc = crc32c::crc32c_append(*crc, data),
            State::Crc64Nvme(crc) => *crc = super::crc64::update(*crc, data),
            State::Sha1(h) => h.update(data),
            State::Sha256(h) => h.update(data),
            State::Sha512(h) => h.update(data),
        }
    }

    /// The checksum's bytes (big-endian for the CRCs).
    pub fn finalize(self) -> Vec<u8> {
        match self.state {
            State::Crc32(h) => h.finalize().to_be_bytes().to_vec(),
            State::Crc32c(crc) => crc.to_be_bytes().to_vec(),
            State::Crc64Nvme(crc) => super::crc64::finish(crc).to_be_bytes().to_vec(),
            State::Sha1(h) => h.finalize().to_vec(),
            State::Sha256(h) => h.finalize().to_vec(),
            State::Sha512(h) => h.finalize().to_vec(),
        }
    }

    /// The checksum as a header carries it: the base64 of [`finalize`](Self::finalize).
    pub fn finalize_base64(self) -> String {
        crate::blob::Blob::new(self.finalize()).to_base64()
    }
}
