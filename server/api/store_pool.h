// Connections to the workspace for the service's request threads: a store is
// used by one thread at a time, so each request borrows one and gives it back.
#pragma once

#include "workflow/store/store.h"

#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace tongban::server {

class StorePool {
public:
    explicit StorePool(std::string location);

    class Lease {
    public:
        Lease(StorePool& pool, std::unique_ptr<workflow::store::Store> store) : m_pool(&pool), m_store(std::move(store)) {}
        Lease(Lease&&) = default;
        ~Lease();
        workflow::store::Store& operator*() const { return *m_store; }
        workflow::store::Store* operator->() const { return m_store.get(); }

    private:
        StorePool* m_pool;
        std::unique_ptr<workflow::store::Store> m_store;
    };

    /// A connection of its own until the lease ends; opened when none is free.
    Lease borrow();
    const std::string& location() const { return m_location; }

private:
    std::string m_location;
    std::mutex m_mutex;
    std::vector<std::unique_ptr<workflow::store::Store>> m_free;
};

} // namespace tongban::server
