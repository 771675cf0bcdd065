import CLibCSV

/// Asks the processor to bring the memory at `p` into its cache ahead of a
/// read. Only a hint: it changes no result, and an address that is not
/// mapped is ignored.
@inlinable public func prefetch(_ p: UnsafeRawPointer) { captable_prefetch(p) }
