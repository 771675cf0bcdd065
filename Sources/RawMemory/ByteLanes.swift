/// A comparison of sixteen bytes at once, read as bytes or as words: for
/// the scans that find line feeds, quotes and carriage returns in a file.
///
/// Safe: a mask of sixteen lanes keeps them as sixteen bytes, -1 where the
/// comparison holds and 0 where not (its one stored property), so its bytes
/// are read by a cast, of the same size. Converting them lane by lane, or
/// testing them with `any`, was left as a call for every sixteen bytes in
/// the release build, and made the scans ten times slower.
public enum ByteLanes {
    /// 255 in each lane where `m` holds, 0 elsewhere.
    @inlinable @inline(__always)
    public static func bytes(_ m: SIMDMask<SIMD16<Int8>>) -> SIMD16<UInt8> { unsafeBitCast(m, to: SIMD16<UInt8>.self) }

    /// `m`'s lanes as two words, the first eight lanes in the first
    /// (little-endian), each byte 0xFF where `m` holds.
    @inlinable @inline(__always)
    public static func words(_ m: SIMDMask<SIMD16<Int8>>) -> (UInt64, UInt64) {
        let w = unsafeBitCast(m, to: SIMD2<UInt64>.self)
        return (w[0], w[1])
    }
}
