//! A POSIX ustar archive writer, just enough for a directory and its files.
//!
//! The Mesos/Marathon `docker.tar.gz` holds `.docker/` and `.docker/config.json` with the modes
//! Docker gives them; the fetcher extracts it into the task sandbox (`$HOME`). Entries carry
//! uid/gid 0, no user or group names and mtime 0, so the same input gives the same bytes on
//! every surface.

/// One archive member.
pub struct Member<'a> {
    /// Path inside the archive; directories end with `/`. At most 100 bytes.
    pub name: &'a str,
    pub mode: u32,
    /// `None` for a directory.
    pub content: Option<&'a [u8]>,
}

fn octal(field: &mut [u8], value: u64) {
    // `len - 1` octal digits, zero-padded, then NUL.
    let digits = field.len() - 1;
    let mut v = value;
    for i in (0..digits).rev() {
        field[i] = b'0' + (v & 7) as u8;
        v >>= 3;
    }
    field[digits] = 0;
}

/// The archive: a 512-byte header per member, contents padded to 512 bytes, two zero blocks.
pub fn tar(members: &[Member<'_>]) -> Vec<u8> {
    let mut out = Vec::new();
    for m in members {
        debug_assert!(m.name.len() <= 100);
        let data = m.content.unwrap_or(&[]);
        let mut h = [0u8; 512];
        h[..m.name.len()].copy_from_slice(m.name.as_bytes());
        octal(&mut h[100..108], m.mode as u64);
        octal(&mut h[108..116], 0);
        octal(&mut h[116..124], 0);
        octal(&mut h[124..136], data.len() as u64);
        octal(&mut h[136..148], 0);
        h[156] = if m.content.is_some() { b'0' } else { b'5' };
        h[257..263].copy_from_slice(b"ustar\0");
        h[263..265].copy_from_slice(b"00");
        h[148..156].copy_from_slice(b"        ");
        let sum: u32 = h.iter().map(|&b| b as u32).sum();
        octal(&mut h[148..155], sum as u64);
        h[155] = b' ';
        out.extend_from_slice(&h);
        out.extend_from_slice(data);
        out.resize(out.len().div_ceil(512) * 512, 0);
    }
    out.resize(out.len() + 1024, 0);
    out
}
