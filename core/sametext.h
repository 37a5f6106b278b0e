#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

namespace Apprentice {

// Workflow, tool and execution names are short: compare them word by word, without a libc call.
inline bool sameText(std::string_view a, std::string_view b)
{
    const size_t n = a.size();
    if (n != b.size())
        return false;
    const char *p = a.data();
    const char *q = b.data();
    const auto load = [](const char *s, auto word) {
        std::memcpy(&word, s, sizeof word);
        return word;
    };
    if (n >= 8) {
        if (n > 32)
            return std::memcmp(p, q, n) == 0;
        // whole words, then the last word again (overlapping): no byte loop
        for (size_t i = 0; i + 8 < n; i += 8)
            if (load(p + i, std::uint64_t()) != load(q + i, std::uint64_t()))
                return false;
        return load(p + n - 8, std::uint64_t()) == load(q + n - 8, std::uint64_t());
    }
    if (n >= 4)
        return load(p, std::uint32_t()) == load(q, std::uint32_t())
            && load(p + n - 4, std::uint32_t()) == load(q + n - 4, std::uint32_t());
    // 1 to 3 bytes: the first, middle and last cover them all, without a loop
    return n == 0 || ((p[0] == q[0]) & (p[n >> 1] == q[n >> 1]) & (p[n - 1] == q[n - 1]));
}

} // namespace Apprentice
