#include "server/api/store_pool.h"

namespace tongban::server {

StorePool::StorePool(std::string location) : m_location(std::move(location))
{
    // Opening the writer here applies any pending migration before requests arrive.
    m_writer = store::Store::open(m_location);
}

StorePool::Lease::~Lease()
{
    if (!m_store)
        return;
    const std::lock_guard lock(m_pool->m_mutex);
    m_pool->m_free.push_back(std::move(m_store));
}

StorePool::Lease StorePool::borrow()
{
    {
        const std::lock_guard lock(m_mutex);
        if (!m_free.empty()) {
            auto store = std::move(m_free.back());
            m_free.pop_back();
            return Lease(*this, std::move(store));
        }
    }
    return Lease(*this, store::Store::open(m_location));
}

} // namespace tongban::server
