//! The bytes of a file, as a request brought them in and as a backend stores them.
//!
//! A file arrives as the request body's own buffers. [`FileBody`] keeps them as they are, never
//! joined into one allocation, so a 25 MB upload sits in memory once. Backends store a file in
//! chunks of [`BLOB_CHUNK`] bytes, copying one chunk at a time, and serve it back the same way.

use std::borrow::Cow;

use bytes::Bytes;

/// The size of a stored chunk: 192 KiB. A multiple of 3, so that the chunks of a file, each
/// base64-encoded on its own, concatenate into the base64 of the whole file (what
/// `GET /agent/v1/stream/{sid}/attachment` serves, one chunk at a time).
pub const BLOB_CHUNK: usize = 3 * 64 * 1024;

/// A file's bytes: the buffers it arrived in, in order.
#[derive(Debug, Clone, Default)]
pub struct FileBody {
    parts: Vec<Bytes>,
    len: usize,
}

impl FileBody {
    /// Appends the next buffer of the file.
    pub fn push(&mut self, part: Bytes) {
        self.len += part.len();
        if !part.is_empty() {
            self.parts.push(part);
        }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The file in chunks of [`BLOB_CHUNK`] bytes (the last one shorter). A chunk inside one buffer
    /// is borrowed; one that spans buffers is copied, so at most one chunk is ever copied at once.
    pub fn chunks(&self) -> Chunks<'_> {
        Chunks { body: self, part: 0, offset: 0 }
    }
}

impl From<Vec<u8>> for FileBody {
    fn from(bytes: Vec<u8>) -> Self {
        let mut body = FileBody::default();
        body.push(Bytes::from(bytes));
        body
    }
}

/// The iterator of [`FileBody::chunks`].
#[derive(Debug)]
pub struct Chunks<'a> {
    body: &'a FileBody,
    /// The buffer the next chunk starts in, and where in it.
    part: usize,
    offset: usize,
}

impl<'a> Iterator for Chunks<'a> {
    type Item = Cow<'a, [u8]>;

    fn next(&mut self) -> Option<Cow<'a, [u8]>> {
        let parts = &self.body.parts;
        let first = parts.get(self.part)?;
        let rest = &first[self.offset..];
        if rest.len() >= BLOB_CHUNK || self.part + 1 == parts.len() {
            let take = rest.len().min(BLOB_CHUNK);
            self.offset += take;
            if self.offset == first.len() {
                self.part += 1;
                self.offset = 0;
            }
            return Some(Cow::Borrowed(&rest[..take]));
        }
        let mut chunk = Vec::with_capacity(BLOB_CHUNK);
        while chunk.len() < BLOB_CHUNK {
            let Some(part) = parts.get(self.part) else { break };
            let take = (part.len() - self.offset).min(BLOB_CHUNK - chunk.len());
            chunk.extend_from_slice(&part[self.offset..self.offset + take]);
            self.offset += take;
            if self.offset == part.len() {
                self.part += 1;
                self.offset = 0;
            }
        }
        Some(Cow::Owned(chunk))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body_of(sizes: &[usize]) -> (FileBody, Vec<u8>) {
        let mut body = FileBody::default();
        let mut all = Vec::new();
        for (i, &n) in sizes.iter().enumerate() {
            let part: Vec<u8> = (0..n).map(|j| (i * 31 + j) as u8).collect();
            all.extend_from_slice(&part);
            body.push(Bytes::from(part));
        }
        (body, all)
    }

    #[test]
    fn chunks_are_full_except_the_last_and_rebuild_the_file() {
        for sizes in [
            vec![],
            vec![0],
            vec![5],
            vec![BLOB_CHUNK],
            vec![BLOB_CHUNK + 1],
            vec![100, 8192, BLOB_CHUNK * 2 + 7, 3, 0, 65536],
            vec![BLOB_CHUNK - 1, 1, 1],
        ] {
            let (body, all) = body_of(&sizes);
            assert_eq!(body.len(), all.len());
            let chunks: Vec<_> = body.chunks().collect();
            assert_eq!(chunks.len(), all.len().div_ceil(BLOB_CHUNK), "{sizes:?}");
            for c in chunks.iter().rev().skip(1) {
                assert_eq!(c.len(), BLOB_CHUNK);
            }
            assert_eq!(chunks.concat(), all, "{sizes:?}");
        }
    }

    #[test]
    fn a_chunk_inside_one_buffer_is_borrowed() {
        let (body, _) = body_of(&[BLOB_CHUNK * 2 + 10]);
        assert!(body.chunks().all(|c| matches!(c, Cow::Borrowed(_))));
    }
}
