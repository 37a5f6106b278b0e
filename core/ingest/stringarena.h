#pragma once

#include <cstddef>
#include <cstring>
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
    std::string_view store(std::string_view text)
    {
        if (text.empty())
            return {};
        char *dst = allocate(text.size());
        std::memcpy(dst, text.data(), text.size());
        return {dst, text.size()};
    }
    /// Uninitialised room for `size` bytes, valid until clear().
    char *allocate(size_t size)
    {
        if (size_t(m_end - m_pos) < size)
            return nextBlock(size);
        char *p = m_pos;
        m_pos += size;
        return p;
    }
    /// Forgets every string; the blocks stay allocated for the next batch.
    void clear();

private:
    struct Block {
        std::unique_ptr<char[]> data;
        size_t size = 0;
    };
    char *nextBlock(size_t size);

    std::vector<Block> m_blocks;
    size_t m_blockSize;
    size_t m_current = 0; // index of the block being filled; m_blocks.size() when none yet
    char *m_pos = nullptr;
    char *m_end = nullptr;
};

} // namespace Apprentice
