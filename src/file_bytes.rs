//! A file's bytes in memory: mapped where the system can (Unix), else read.
//!
//! Mapping is what makes opening a large file cheap: its pages are already in the page cache,
//! and a mapping hands them to the process as they are, where reading them copies them into
//! freshly allocated memory that the kernel must first zero (on the project's VM, zeroing fresh
//! pages was 70% of a cached 1M `--filter`, and reading a 206 MB corpus into a buffer sometimes
//! stalled for a second). It also lets the headless mode decode only the documents it prints,
//! wherever they lie in the index cache.
//!
//! A mapped file changed by someone else while mapped would change (or, truncated, fault) under
//! the reader. dossier never writes a cache file in place: a new one is written beside it and
//! renamed over it, which leaves the mapped file untouched. A corpus file is mapped only while
//! it is parsed.

use std::fs::File;
use std::io;
use std::ops::{Deref, Range};

/// The bytes of a file, read-only, for as long as this lives.
pub struct FileBytes {
    inner: Inner,
}

enum Inner {
    #[cfg(unix)]
    Mapped {
        ptr: *const u8,
        len: usize,
    },
    Read(Vec<u8>),
}

// SAFETY: the mapping is read-only and private to this value, so sharing it between threads
// is sharing immutable bytes.
unsafe impl Send for FileBytes {}
unsafe impl Sync for FileBytes {}

impl FileBytes {
    /// All of `file`'s `len` bytes (its size when opened).
    pub fn of(file: &File, len: u64) -> io::Result<FileBytes> {
        let len = usize::try_from(len).map_err(|_| io::Error::other("file too large"))?;
        #[cfg(unix)]
        if len > 0 {
            return map(file, len);
        }
        read(file, len)
    }

    /// Bytes already read.
    pub fn from_vec(bytes: Vec<u8>) -> FileBytes {
        FileBytes { inner: Inner::Read(bytes) }
    }

    /// Whether the bytes are mapped (read from the file as they are first used), not read.
    pub fn is_mapped(&self) -> bool {
        match self.inner {
            #[cfg(unix)]
            Inner::Mapped { .. } => true,
            Inner::Read(_) => false,
        }
    }

    /// Says the bytes will be read once, front to back: the kernel reads ahead further and
    /// drops pages behind (a corpus file read from disk, not the page cache).
    pub fn will_read_sequentially(&self) {
        #[cfg(unix)]
        if let Inner::Mapped { ptr, len } = self.inner {
            // SAFETY: advice over our own whole mapping; it changes no byte.
            unsafe { libc::madvise(ptr as *mut libc::c_void, len, libc::MADV_SEQUENTIAL) };
        }
    }
}

#[cfg(unix)]
fn map(file: &File, len: usize) -> io::Result<FileBytes> {
    use std::os::unix::io::AsRawFd;
    // SAFETY: a fresh read-only private mapping of `len` bytes of an open file; the result is
    // checked before use and unmapped exactly once, on drop.
    let ptr = unsafe {
        libc::mmap(std::ptr::null_mut(), len, libc::PROT_READ, libc::MAP_PRIVATE, file.as_raw_fd(), 0)
    };
    if ptr == libc::MAP_FAILED {
        return read(file, len);
    }
    Ok(FileBytes { inner: Inner::Mapped { ptr: ptr as *const u8, len } })
}

fn read(file: &File, len: usize) -> io::Result<FileBytes> {
    use std::io::Read;
    let mut bytes = Vec::with_capacity(len);
    file.take(len as u64).read_to_end(&mut bytes)?;
    if bytes.len() != len {
        return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "file shorter than its size"));
    }
    Ok(FileBytes { inner: Inner::Read(bytes) })
}

impl FileBytes {
    /// Says that `range` will not be read again soon: mapped pages wholly inside it leave the
    /// process (its resident size), to be read back from the page cache if they are used after
    /// all. Without this, checking and decoding the whole file counted it in the peak resident
    /// size of the run, though the pages are the system's file cache, not the process's memory.
    pub fn release(&self, range: Range<usize>) {
        #[cfg(unix)]
        if let Inner::Mapped { ptr, len } = self.inner {
            // SAFETY: `sysconf` has no preconditions.
            let page = usize::try_from(unsafe { libc::sysconf(libc::_SC_PAGESIZE) }).unwrap_or(0);
            if page == 0 {
                return;
            }
            let start = range.start.next_multiple_of(page);
            let end = range.end.min(len) / page * page;
            if start < end {
                // SAFETY: whole pages of our own read-only private file mapping, never written:
                // dropping them only makes the next read fault the same bytes in again.
                unsafe {
                    libc::madvise(ptr.add(start) as *mut libc::c_void, end - start, libc::MADV_DONTNEED)
                };
            }
        }
        let _ = range;
    }

    /// [`FileBytes::release`] for a part of these bytes given as a slice of them (text decoded
    /// without a copy); a slice of other memory is ignored.
    pub fn release_part(&self, part: &[u8]) {
        let whole = self.deref().as_ptr_range();
        let (start, end) = (part.as_ptr() as usize, part.as_ptr() as usize + part.len());
        if start >= whole.start as usize && end <= whole.end as usize {
            let offset = start - whole.start as usize;
            self.release(offset..offset + part.len());
        }
    }
}

impl Deref for FileBytes {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        match &self.inner {
            // SAFETY: `len` bytes mapped readable at `ptr` until drop.
            #[cfg(unix)]
            Inner::Mapped { ptr, len } => unsafe { std::slice::from_raw_parts(*ptr, *len) },
            Inner::Read(bytes) => bytes,
        }
    }
}

impl Drop for FileBytes {
    fn drop(&mut self) {
        #[cfg(unix)]
        if let Inner::Mapped { ptr, len } = self.inner {
            // SAFETY: the mapping made in `map`, unmapped once; no slice of it outlives `self`.
            unsafe { libc::munmap(ptr as *mut libc::c_void, len) };
        }
    }
}
