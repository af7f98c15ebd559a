//! gzip (RFC 1952) around deflate "stored" blocks (RFC 1951 §3.2.4), with CRC-32.
//!
//! The Mesos/Marathon credential archive must be a `.tar.gz` that `tar -xzf` and the Mesos
//! fetcher unpack. A config file is a few hundred bytes, so compressing it buys nothing; what
//! matters is a valid stream. Stored blocks need no Huffman tables, which keeps this module (and
//! the WebAssembly) tiny compared with a deflate crate.

/// CRC-32 (IEEE 802.3, reflected, as gzip and zlib compute it).
pub fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= b as u32;
        for _ in 0..8 {
            crc = (crc >> 1) ^ (0xEDB8_8320 & (crc & 1).wrapping_neg());
        }
    }
    !crc
}

/// A gzip member holding `data` uncompressed: header (no name, mtime 0, OS Unix), stored deflate
/// blocks of at most 65,535 bytes, CRC-32 and length trailer.
pub fn gzip_stored(data: &[u8]) -> Vec<u8> {
    let blocks = data.len() / 0xFFFF + 1;
    let mut out = Vec::with_capacity(data.len() + blocks * 5 + 18);
    out.extend_from_slice(&[0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]);
    let mut chunks = data.chunks(0xFFFF).peekable();
    if chunks.peek().is_none() {
        out.extend_from_slice(&[1, 0, 0, 0xFF, 0xFF]);
    }
    while let Some(c) = chunks.next() {
        out.push(u8::from(chunks.peek().is_none()));
        let len = c.len() as u16;
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&(!len).to_le_bytes());
        out.extend_from_slice(c);
    }
    out.extend_from_slice(&crc32(data).to_le_bytes());
    out.extend_from_slice(&(data.len() as u32).to_le_bytes());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_check_value() {
        // The CRC-32 "check" value from the CRC catalogue (reveng, CRC-32/ISO-HDLC).
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
    }

    #[test]
    fn stored_blocks_split_at_64k() {
        let data = std::vec![7u8; 70_000];
        let gz = gzip_stored(&data);
        assert_eq!(gz.len(), 10 + 5 + 65_535 + 5 + (70_000 - 65_535) + 8);
        assert_eq!(gz[10], 0); // first block not final
        assert_eq!(gz[10 + 5 + 65_535], 1); // last block final
        assert_eq!(gzip_stored(b"").len(), 10 + 5 + 8);
    }
}
