#pragma once

namespace Apprentice {

/// Finds the state a record belongs to by the order records come in. Workflows take turns and a workflow
/// calls its tools in order, so the state that followed `last` the previous time (`last->*next`) is almost
/// always the one wanted now: it is tried first (and, with `orSame`, `last` itself before it), and only on a
/// miss does `lookup()` find or add it. The order learned is remembered in `last->*next`; `last` moves on.
template<typename T, typename Matches, typename Lookup>
inline T &byCallOrder(T *&last, T *T::*next, Matches &&matches, Lookup &&lookup, bool orSame = false)
{
    T *const previous = last;
    if (previous) [[likely]] {
        if (orSame && matches(*previous)) [[likely]]
            return *previous;
        if (T *predicted = previous->*next; predicted && matches(*predicted)) [[likely]]
            return *(last = predicted);
    }
    T &found = lookup();
    if (previous)
        previous->*next = &found;
    last = &found;
    return found;
}

} // namespace Apprentice
