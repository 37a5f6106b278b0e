#pragma once

#include <cstddef>
#include <memory>
#include <string_view>
#include <vector>

namespace Apprentice {

/// Bump allocator for the strings of a batch of records: what it hands out never moves until clear().
class StringArena
{
public:
    explicit StringArena(size_t blockSize = 1 << 20);

    /// Copies `text` into the arena; the result stays valid until clear().
    std::string_view store(std::string_view text);
    /// Uninitialised room for `size` bytes, valid until clear().
    char *allocate(size_t size);
    /// Forgets every string but keeps the first block for reuse.
    void clear();

private:
    void addBlock(size_t size);

    std::vector<std::unique_ptr<char[]>> m_blocks;
    size_t m_blockSize;
    char *m_pos = nullptr;
    char *m_end = nullptr;
    size_t m_firstBlockSize = 0;
};

} // namespace Apprentice
