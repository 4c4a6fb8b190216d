//! Files: uploads checked and stored as blobs, read back a chunk at a time, and the sweep of
//! files whose message was never posted.

use std::sync::Arc;

use sympod_model::catalogue::SEND_FILES_ENABLED;
use sympod_model::message::Attachment;
use sympod_model::user::User;
use sympod_model::{MessageId, Millis, RuleError, StreamId};
use sympod_store::{BLOB_CHUNK, FileBody, Store};

use super::message_not_found;
use crate::{Caller, Core, CoreError, CoreResult, random_id};

/// A file as a caller uploads it.
#[derive(Debug, Clone)]
pub struct Upload {
    pub name: String,
    pub content_type: String,
    pub body: FileBody,
}

/// How long an uploaded file may wait for its message before [`Core::sweep_orphan_files`] removes
/// it: far longer than any request takes to go from storing its files to posting its message.
pub const ORPHAN_FILE_AGE_MS: Millis = 60 * 60 * 1000;

/// A stored file, read one chunk of [`BLOB_CHUNK`] bytes at a time.
pub struct FileReader {
    store: Arc<dyn Store>,
    blob: String,
    pub size: i64,
}

impl FileReader {
    /// The blob `blob` of `size` bytes, to read.
    pub(crate) fn new(store: Arc<dyn Store>, blob: String, size: i64) -> Self {
        Self { store, blob, size }
    }

    /// How many chunks the file has.
    pub fn chunks(&self) -> i64 {
        (self.size + BLOB_CHUNK as i64 - 1) / BLOB_CHUNK as i64
    }

    /// Chunk `seq` of the file. A chunk gone missing (the file was suppressed meanwhile) is an error:
    /// the answer has begun and cannot become a 404.
    pub async fn chunk(&self, seq: i64) -> CoreResult<Vec<u8>> {
        self.store
            .blob_chunk(&self.blob, seq)
            .await?
            .ok_or_else(|| CoreError::Internal(anyhow::anyhow!("chunk {seq} of blob {} is gone", self.blob)))
    }
}

impl Core {
    /// Checks the uploads against the sender's entitlement and the size limit.
    pub(super) fn check_uploads(&self, sender: &User, uploads: &[Upload]) -> CoreResult<()> {
        if !uploads.is_empty() && !sender.entitled(SEND_FILES_ENABLED) {
            return Err(RuleError::forbidden("The user lacks the sendFilesEnabled entitlement").into());
        }
        match uploads.iter().find(|u| u.body.len() > self.config.max_attachment_bytes) {
            Some(u) => Err(CoreError::TooLarge(format!(
                "The attachment {} is larger than the limit of {} bytes",
                u.name, self.config.max_attachment_bytes
            ))),
            None => Ok(()),
        }
    }

    /// Stores each upload as a blob with a fresh id, which becomes its attachment's id.
    pub(super) async fn store_uploads(&self, uploads: Vec<Upload>) -> CoreResult<Vec<Attachment>> {
        let mut files = Vec::with_capacity(uploads.len());
        for u in uploads {
            let id = random_id(16);
            self.store.put_blob(&id, &u.body, self.now()).await?;
            let size = i64::try_from(u.body.len()).unwrap_or(i64::MAX);
            files.push(Attachment { id, name: u.name, size, content_type: u.content_type });
        }
        Ok(files)
    }

    /// `GET /agent/v1/stream/{sid}/attachment?fileId=&messageId=`: a file of a message the caller
    /// may read, to read chunk by chunk.
    pub async fn attachment(
        &self,
        caller: &Caller,
        sid: &StreamId,
        mid: &MessageId,
        file: &str,
    ) -> CoreResult<FileReader> {
        let (message, _) = self.readable(caller, mid).await?;
        if &message.stream != sid {
            return Err(message_not_found(mid));
        }
        let file = message
            .attachments
            .iter()
            .find(|a| a.id == file)
            .ok_or_else(|| CoreError::not_found(format!("Attachment {file} not found")))?;
        Ok(FileReader { store: self.store.clone(), blob: file.id.clone(), size: file.size })
    }

    /// Removes the files stored for messages that were never posted (refused after their files
    /// were stored, or cut off by a crash) once they are [`ORPHAN_FILE_AGE_MS`] old.
    pub async fn sweep_orphan_files(&self) -> CoreResult<u64> {
        Ok(self.store.sweep_blobs(self.now() - ORPHAN_FILE_AGE_MS).await?)
    }
}
