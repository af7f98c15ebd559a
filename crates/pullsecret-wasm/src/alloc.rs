//! The wasm allocator: power-of-two size classes, one free list each, carved from a bump arena.
//!
//! A `validate` of a 1 MB config makes about 130,000 small allocations that all die before the
//! call returns. A general allocator (talc before this, or dlmalloc) spends a good share of the
//! call splitting and coalescing blocks for them, and its code is a few KiB of the package.
//! Here an allocation pops a free list or bumps a pointer, and a free pushes the block back:
//! a handful of instructions each. Blocks are never split or merged, so memory is the peak of
//! each size class (at most twice what is live, plus what other classes hold), reused by the
//! next call. wasm32 without threads: one caller at a time, so plain cells suffice.

use core::alloc::{GlobalAlloc, Layout};
use core::cell::Cell;

pub struct Classes {
    /// Head of each class's free list (0: empty); a free block holds the next block's address.
    free: [Cell<usize>; 32],
    next: Cell<usize>,
    end: Cell<usize>,
}

// SAFETY: wasm32-unknown-unknown without the atomics feature runs one thread.
unsafe impl Sync for Classes {}

const PAGE: usize = 65536;

/// The class of a layout: blocks of `8 << class` bytes, aligned to their size (up to a page).
fn class(layout: Layout) -> usize {
    let size = layout.size().max(layout.align()).max(8);
    (usize::BITS - (size - 1).leading_zeros()) as usize - 3
}

impl Classes {
    pub const fn new() -> Self {
        Classes {
            free: [const { Cell::new(0) }; 32],
            next: Cell::new(0),
            end: Cell::new(0),
        }
    }

    /// A fresh block of `size` bytes from the arena (growing memory when it runs out), or 0.
    fn carve(&self, size: usize) -> usize {
        let align = size.min(PAGE);
        let mut start = (self.next.get() + align - 1) & !(align - 1);
        if self.end.get() == 0 || start + size > self.end.get() {
            let pages = (size + align).div_ceil(PAGE).max(16);
            let old = core::arch::wasm32::memory_grow(0, pages);
            if old == usize::MAX {
                return 0;
            }
            if old * PAGE != self.end.get() {
                // Not contiguous with the arena (first use, or someone else grew memory).
                self.next.set(old * PAGE);
            }
            self.end.set((old + pages) * PAGE);
            start = (self.next.get() + align - 1) & !(align - 1);
        }
        self.next.set(start + size);
        start
    }
}

unsafe impl GlobalAlloc for Classes {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let c = class(layout);
        let head = self.free[c].get();
        if head != 0 {
            self.free[c].set(*(head as *const usize));
            return head as *mut u8;
        }
        self.carve(8 << c) as *mut u8
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        let c = class(layout);
        *(ptr as *mut usize) = self.free[c].get();
        self.free[c].set(ptr as usize);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let new_layout = Layout::from_size_align_unchecked(new_size, layout.align());
        let (old, new) = (8 << class(layout), 8 << class(new_layout));
        if new == old {
            return ptr;
        }
        // The newest block of the arena grows in place (a vector being filled), if it stays
        // aligned to its new size as the class requires.
        let p = ptr as usize;
        if new > old
            && p + old == self.next.get()
            && p & (new.min(PAGE) - 1) == 0
            && p + new <= self.end.get()
        {
            self.next.set(p + new);
            return ptr;
        }
        let new = self.alloc(new_layout);
        if !new.is_null() {
            core::ptr::copy_nonoverlapping(ptr, new, layout.size().min(new_size));
            self.dealloc(ptr, layout);
        }
        new
    }
}
