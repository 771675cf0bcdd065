import Dispatch

/// A short byte string for each number 0..<count (a person's CSV cells, say),
/// each in a slot of `slotBytes` at the place of its number: a reader finds
/// one with no table of where each starts, and waits for one fetch from
/// memory, not two in turn. A string too long for a slot (its length byte
/// and `slotBytes - 1` bytes) is kept aside, in the buffer of the half of the
/// numbers it is in, and its slot says where: no table of them is kept.
///
/// The slots are in blocks of a megabyte, 64-byte aligned so that no slot
/// spans two cache lines: memory freed before is used again for them, where
/// one block of 32 MB would be new memory.
///
/// Unchecked: the slots are written only while the table is made, by two
/// threads each writing the slots of its own half, and only read after.
public final class ByteSlots: @unchecked Sendable {
    /// 32 bytes a slot: half a cache line. The cells of 76% of the realistic
    /// scale-1 book's persons fit in its 31 bytes (a script over its
    /// persons.csv); the rest, long names, are aside.
    public static let slotBytes = 32
    /// Slots per block, as a shift: 2^15 slots of 32 bytes, a megabyte, the
    /// size of the reading's buffers freed before these are made.
    public static let blockShift = 15
    /// A slot's length byte when its string is aside.
    static let aside: UInt8 = 0xFF

    private let blocks: UnsafeMutablePointer<UnsafeMutableRawPointer>
    private let blockCount: Int
    /// Strings too long for a slot, one after another: one buffer for each half of the numbers.
    private let long: [ByteBuffer]

    /// The blocks, for the two threads that fill them, each its own slots.
    private struct Blocks: @unchecked Sendable {
        let base: UnsafeMutablePointer<UnsafeMutableRawPointer>
    }

    /// `encoder()` gives a function that appends string `p` to a buffer;
    /// each of two threads makes its own, for the numbers of its own half.
    public init(count: Int, encoder: @Sendable () -> (Int, ByteBuffer) -> Void) {
        let perBlock = 1 << ByteSlots.blockShift
        blockCount = (count + perBlock - 1) / perBlock
        blocks = .allocate(capacity: max(1, blockCount))
        for b in 0..<blockCount {
            blocks[b] = .allocate(byteCount: perBlock * ByteSlots.slotBytes, alignment: 64)
        }
        // The blocks in two halves, one on each core, each half with its
        // own strings kept aside; the second half's are then put after the first's.
        let split = (blockCount + 1) / 2 * perBlock
        let halves = [0..<min(split, count), min(split, count)..<count]
        let shared = Blocks(base: blocks)
        let made = Locked<[Handoff<ByteBuffer>?]>([nil, nil])
        DispatchQueue.concurrentPerform(iterations: 2) { h in
            let append = encoder()
            let one = ByteBuffer(capacity: 64), aside = ByteBuffer(capacity: 64)
            for p in halves[h] {
                one.removeAll()
                append(p, one)
                let slot = ByteSlots.slot(p, shared.base)
                if one.count < ByteSlots.slotBytes {
                    slot.storeBytes(of: UInt8(one.count), as: UInt8.self)
                    one.withBytes { if let b = $0.baseAddress { (slot + 1).copyMemory(from: b, byteCount: $0.count) } }
                } else {
                    // Aside: the slot holds the half, and where in its buffer and how long.
                    slot.storeBytes(of: ByteSlots.aside, as: UInt8.self)
                    slot.storeBytes(of: UInt8(h), toByteOffset: 1, as: UInt8.self)
                    slot.storeBytes(of: UInt64(aside.count), toByteOffset: 8, as: UInt64.self)
                    slot.storeBytes(of: UInt64(one.count), toByteOffset: 16, as: UInt64.self)
                    one.withBytes { aside.append($0) }
                }
            }
            let mine = Handoff(aside)
            made.withLock { $0[h] = mine }
        }
        long = made.withLock { [$0[0]!.value, $0[1]!.value] }
    }

    deinit {
        for b in 0..<blockCount { blocks[b].deallocate() }
        blocks.deallocate()
    }

    @inline(__always)
    private static func slot(_ p: Int, _ blocks: UnsafeMutablePointer<UnsafeMutableRawPointer>) -> UnsafeMutableRawPointer {
        blocks[p >> blockShift] + (p & (1 << blockShift - 1)) * slotBytes
    }

    /// Appends string `p` to `out`.
    @inline(__always)
    public func append(_ p: Int, to out: ByteBuffer) {
        let slot = ByteSlots.slot(p, blocks)
        let n = slot.load(as: UInt8.self)
        if n != ByteSlots.aside { return out.append(UnsafeRawBufferPointer(start: slot + 1, count: Int(n))) }
        out.append(aside(slot))
    }

    /// The bytes of a string kept aside, where its slot says they are.
    @inline(__always)
    private func aside(_ slot: UnsafeMutableRawPointer) -> UnsafeRawBufferPointer {
        let half = Int(slot.load(fromByteOffset: 1, as: UInt8.self))
        let start = Int(slot.load(fromByteOffset: 8, as: UInt64.self)), count = Int(slot.load(fromByteOffset: 16, as: UInt64.self))
        return UnsafeRawBufferPointer(start: long[half].start + start, count: count)
    }

    /// Starts fetching slot `p`.
    @inline(__always)
    public func prefetch(_ p: Int) { RawMemory.prefetch(ByteSlots.slot(p, blocks)) }

    /// Starts fetching string `p`'s bytes where they are aside; reads its
    /// slot, which is best fetched (`prefetch`) some time before. The
    /// slot's fetch alone leaves a long string's copy to wait for memory:
    /// `memmove` was a sixth of a table's writing (`ownership`, realistic
    /// scale-1 book), most of it the first load of a long name.
    @inline(__always)
    public func prefetchAside(_ p: Int) {
        let slot = ByteSlots.slot(p, blocks)
        guard slot.load(as: UInt8.self) == ByteSlots.aside else { return }
        let bytes = aside(slot)
        RawMemory.prefetch(bytes.baseAddress!)
        RawMemory.prefetch(bytes.baseAddress! + bytes.count - 1)
    }
}
