#include "stringarena.h"

#include <algorithm>

namespace Apprentice {

StringArena::StringArena(size_t blockSize)
    : m_blockSize(blockSize)
{
}

void StringArena::clear()
{
    // Keeping the blocks matters: fresh multi-megabyte allocations come from mmap and fault in every page again.
    m_current = 0;
    m_pos = m_blocks.empty() ? nullptr : m_blocks.front().data.get();
    m_end = m_blocks.empty() ? nullptr : m_pos + m_blocks.front().size;
}

char *StringArena::nextBlock(size_t size)
{
    // Move on to the next kept block that is big enough, or add one.
    size_t next = m_pos ? m_current + 1 : m_current;
    while (next < m_blocks.size() && m_blocks[next].size < size)
        ++next;
    if (next >= m_blocks.size()) {
        const size_t blockSize = std::max(size, m_blockSize);
        m_blocks.push_back({std::make_unique_for_overwrite<char[]>(blockSize), blockSize});
        next = m_blocks.size() - 1;
    }
    m_current = next;
    m_pos = m_blocks[next].data.get() + size;
    m_end = m_blocks[next].data.get() + m_blocks[next].size;
    return m_blocks[next].data.get();
}

} // namespace Apprentice
