//! A short list kept on the stack, spilling to the heap only when it outgrows `N`.
//!
//! Every element's attributes and every element's child summaries are collected this way.
//! Almost all hold a handful of items, and with glibc's allocator one small allocation per
//! element was a measurable share of a conversion.

/// Up to `N` items inline, then a `Vec`.
#[derive(Debug)]
pub(crate) enum InlineList<T: Copy + Default, const N: usize> {
    Inline(usize, [T; N]),
    Heap(Vec<T>),
}

impl<T: Copy + Default, const N: usize> Default for InlineList<T, N> {
    fn default() -> Self {
        InlineList::Inline(0, [T::default(); N])
    }
}

impl<T: Copy + Default, const N: usize> InlineList<T, N> {
    /// An empty list able to take `n` items without reallocating.
    pub fn with_capacity(n: usize) -> Self {
        if n <= N { Self::default() } else { InlineList::Heap(Vec::with_capacity(n)) }
    }

    pub fn push(&mut self, item: T) {
        match self {
            InlineList::Inline(len, items) if *len < N => {
                items[*len] = item;
                *len += 1;
            }
            InlineList::Inline(len, items) => {
                let mut heap = Vec::with_capacity(N * 2);
                heap.extend_from_slice(&items[..*len]);
                heap.push(item);
                *self = InlineList::Heap(heap);
            }
            InlineList::Heap(items) => items.push(item),
        }
    }

    pub fn as_slice(&self) -> &[T] {
        match self {
            InlineList::Inline(len, items) => &items[..*len],
            InlineList::Heap(items) => items,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::InlineList;

    #[test]
    fn spills_to_the_heap_in_order() {
        let mut list: InlineList<u32, 2> = InlineList::with_capacity(0);
        (1..=5).for_each(|i| list.push(i));
        assert_eq!(list.as_slice(), &[1, 2, 3, 4, 5]);
        assert!(matches!(InlineList::<u32, 2>::with_capacity(3), InlineList::Heap(_)));
    }
}
