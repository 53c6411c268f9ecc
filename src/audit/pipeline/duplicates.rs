//! Duplicate SKUs, known before any record is assessed: a first pass reads only the catalogue's
//! SKUs ([`DuplicateSkus::count`] per batch), so the first record of a repeated SKU is flagged as
//! it is assessed, like the later ones, and no output is patched afterwards.

use std::collections::HashMap;
use std::hash::{BuildHasher, Hasher};

use crate::audit::assess::Dup;
use crate::ingest::{Field, Item};

/// Every SKU seen: its first row and how many records use it, keyed by [`sku_hash`].
pub(super) struct DuplicateSkus {
    /// The catalogue's size, to size the map once from the first batch.
    total_bytes: u64,
    seen: HashMap<u64, (u32, u32), MixKey>,
}

impl DuplicateSkus {
    pub(super) fn new(total_bytes: u64) -> DuplicateSkus {
        DuplicateSkus { total_bytes, seen: HashMap::with_hasher(MixKey::new()) }
    }

    /// Counts the SKUs of one batch of the first pass (`read`: bytes read so far).
    pub(super) fn count(&mut self, items: &[Item], read: u64) {
        if self.seen.capacity() == 0 {
            self.seen.reserve(expected_records(self.total_bytes, read, items.len()));
        }
        for it in items {
            if let Item::Record(r) = it {
                let sku = r.get(Field::Sku);
                if sku.is_empty() {
                    continue;
                }
                let e = self.seen.entry(sku_hash(sku)).or_insert((r.row as u32, 0));
                e.1 = e.1.saturating_add(1);
            }
        }
    }

    /// After the first pass: where `item` stands among the records sharing its SKU.
    pub(super) fn of(&self, item: &Item) -> Dup {
        let Item::Record(r) = item else { return Dup::Unique };
        let sku = r.get(Field::Sku);
        if sku.is_empty() {
            return Dup::Unique;
        }
        match self.seen.get(&sku_hash(sku)) {
            Some(&(first, count)) if count > 1 && first == r.row as u32 => Dup::First { count },
            Some(&(first, count)) if count > 1 => Dup::Later { first: u64::from(first) },
            _ => Dup::Unique,
        }
    }
}

/// SKU key for duplicate detection: a fixed-key hash of the trimmed SKU (same in every run).
fn sku_hash(sku: &str) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    h.write(sku.trim().as_bytes());
    h.finish()
}

/// The set's hasher. Its keys are already [`sku_hash`]es: hashing them again with SipHash (the
/// default) cost as much as hashing the SKU. One multiply by a per-run random seed spreads them
/// over the table, and a crafted catalogue cannot aim its SKUs at one bucket without the seed.
#[derive(Clone, Copy)]
struct MixKey(u64);

impl MixKey {
    fn new() -> MixKey {
        MixKey(std::hash::RandomState::new().hash_one(0u64) | 1)
    }
}

impl BuildHasher for MixKey {
    type Hasher = Mixed;
    fn build_hasher(&self) -> Mixed {
        Mixed { seed: self.0, h: 0 }
    }
}

struct Mixed {
    seed: u64,
    h: u64,
}

impl Hasher for Mixed {
    fn write(&mut self, bytes: &[u8]) {
        // Only u64 keys are hashed; any other input still hashes, byte by byte.
        for &b in bytes {
            self.write_u64(self.h ^ u64::from(b));
        }
    }
    fn write_u64(&mut self, k: u64) {
        // A folded multiply (foldhash's mixer): the high and low halves of the 128-bit product.
        let p = u128::from(k ^ self.seed).wrapping_mul(u128::from(self.seed ^ 0x243F_6A88_85A3_08D3));
        self.h = (p as u64) ^ ((p >> 64) as u64);
    }
    fn finish(&self) -> u64 {
        self.h
    }
}

/// How many records a catalogue of `total_bytes` holds, judged from the first batch (`records`
/// records in `read` bytes), so the SKU set is sized once instead of doubling (a doubling holds
/// the old and the new table at once: 53 MB at 1M rows). Capped, so a file whose first records
/// are short cannot make it reserve more than a 2M-row catalogue needs (~35 MB).
fn expected_records(total_bytes: u64, read: u64, records: usize) -> usize {
    const CAP: u64 = 1_800_000;
    if read == 0 || records == 0 {
        return 0;
    }
    let estimate = total_bytes.saturating_mul(records as u64) / read;
    estimate.saturating_add(estimate / 16).min(CAP) as usize
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::Record;

    fn record(row: u64, sku: &str) -> Item {
        Item::Record(Record::new(row, row + 1, [(Field::Sku, sku)]))
    }

    #[test]
    fn the_sku_set_is_sized_from_the_first_batch_and_capped() {
        for (total, read, records, want) in [
            (0, 0, 0, 0),                            // empty file
            (1_000, 0, 512, 0),                      // nothing read yet
            (600_000, 300_000, 512, 1_088),          // 1,024 records, 1/16 headroom
            (600_000_000, 300_000, 512, 1_088_000),  // 1M records of 600 bytes
            (10_000_000_000, 5_120, 512, 1_800_000), // short first records: capped
            (u64::MAX, 1, 512, 1_800_000),           // no overflow
        ] {
            assert_eq!(expected_records(total, read, records), want, "{total} bytes, {records} records in {read}");
        }
    }

    /// Counts `batches` (the first pass), then says where each record stands.
    fn marks(batches: &[&[Item]]) -> Vec<Vec<Dup>> {
        let mut skus = DuplicateSkus::new(10_000);
        for (i, b) in batches.iter().enumerate() {
            skus.count(b, 100 * (i as u64 + 1));
        }
        batches.iter().map(|b| b.iter().map(|it| skus.of(it)).collect()).collect()
    }

    #[test]
    fn the_first_record_knows_its_count_and_later_ones_point_at_it() {
        let batch = [record(1, "A"), record(2, "B"), record(3, " A "), record(4, ""), record(5, ""), record(6, "A")];
        let first = Dup::First { count: 3 };
        let later = Dup::Later { first: 1 };
        assert_eq!(marks(&[&batch]), [vec![first, Dup::Unique, later, Dup::Unique, Dup::Unique, later]]);
    }

    #[test]
    fn repeats_are_found_across_batches() {
        let got = marks(&[
            &[record(1, "Z"), record(2, "Y"), record(3, "X")],
            &[],
            &[record(4, "X"), record(5, "Z"), record(6, "W")],
            &[record(7, "Z")],
        ]);
        let (z1, x3) = (Dup::Later { first: 1 }, Dup::Later { first: 3 });
        assert_eq!(got[0], [Dup::First { count: 3 }, Dup::Unique, Dup::First { count: 2 }]);
        assert!(got[1].is_empty());
        assert_eq!(got[2], [x3, z1, Dup::Unique]);
        assert_eq!(got[3], [z1]);
    }

    #[test]
    fn the_key_mixer_spreads_sequential_and_equal_low_bit_keys() {
        let m = MixKey(0x9E37_79B9_7F4A_7C15);
        let hash = |k: u64| m.hash_one(k);
        assert_eq!(hash(42), hash(42), "deterministic for one seed");
        for keys in [(0..4096u64).collect::<Vec<_>>(), (0..4096u64).map(|k| k << 32).collect()] {
            // hashbrown picks buckets from the low bits and tags from the top 7.
            let low: std::collections::HashSet<u64> = keys.iter().map(|&k| hash(k) & 0xFFF).collect();
            let top: std::collections::HashSet<u64> = keys.iter().map(|&k| hash(k) >> 57).collect();
            assert!(low.len() > 2400, "{} buckets of 4096", low.len());
            assert_eq!(top.len(), 128);
        }
    }

    #[test]
    fn invalid_items_are_not_counted() {
        let invalid = Item::Invalid(crate::ingest::Invalid {
            row: 2,
            line: 3,
            reason: "ragged".into(),
            raw: "A,x".into(),
            sku: "A".into(),
            product: String::new(),
        });
        assert_eq!(marks(&[&[record(1, "A"), invalid]]), [vec![Dup::Unique, Dup::Unique]]);
    }
}
