#include "stringarena.h"

#include <algorithm>
#include <cstring>

namespace Apprentice {

StringArena::StringArena(size_t blockSize)
    : m_blockSize(blockSize)
{
}

std::string_view StringArena::store(std::string_view text)
{
    if (text.empty())
        return {};
    char *dst = allocate(text.size());
    std::memcpy(dst, text.data(), text.size());
    return {dst, text.size()};
}

char *StringArena::allocate(size_t size)
{
    if (size_t(m_end - m_pos) < size)
        addBlock(std::max(size, m_blockSize));
    char *p = m_pos;
    m_pos += size;
    return p;
}

void StringArena::clear()
{
    if (m_blocks.empty())
        return;
    m_blocks.resize(1);
    m_pos = m_blocks.front().get();
    m_end = m_pos + m_firstBlockSize;
}

void StringArena::addBlock(size_t size)
{
    m_blocks.push_back(std::make_unique_for_overwrite<char[]>(size));
    if (m_blocks.size() == 1)
        m_firstBlockSize = size;
    m_pos = m_blocks.back().get();
    m_end = m_pos + size;
}

} // namespace Apprentice
