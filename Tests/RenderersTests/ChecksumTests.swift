import Testing
@testable import Renderers

/// The checksums of an OCF package: RFC 1321's own test suite for MD5, and
/// the CRC-32 of "123456789" every CRC-32 catalogue gives (0xCBF43926).
@Suite struct ChecksumTests {
    @Test func md5OfRFC1321() {
        let suite: [(String, String)] = [
            ("", "d41d8cd98f00b204e9800998ecf8427e"), ("a", "0cc175b9c0f1b6a831c399e269772661"),
            ("abc", "900150983cd24fb0d6963f7d28e17f72"), ("message digest", "f96b697d7cb7938d525a2f31aaf161d0"),
            ("abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b"),
            ("12345678901234567890123456789012345678901234567890123456789012345678901234567890", "57edf4a22be3c955ac49da2e2107b67a"),
        ]
        for (text, digest) in suite { #expect(MD5.hex(Array(text.utf8)) == digest, "\(text)") }
    }

    @Test func crc32Check() { #expect(ZipArchive.crc32(Array("123456789".utf8)) == 0xCBF4_3926) }
}
