// Connections to the workspace for the service's request threads: a store is
// used by one thread at a time, so each request borrows one for its reads and
// gives it back. Writes go through one writer connection, one at a time: the
// database takes one writer at a time anyway, and waiting on a mutex is
// cheaper than SQLite's sleeping on a busy lock, while the writer's cache of
// cases stays current because nobody else in the process writes.
#pragma once

#include "store/store.h"

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
        Lease(StorePool& pool, std::unique_ptr<store::Store> store) : m_pool(&pool), m_store(std::move(store)) {}
        Lease(Lease&&) = default;
        ~Lease();
        store::Store& operator*() const { return *m_store; }
        store::Store* operator->() const { return m_store.get(); }

    private:
        StorePool* m_pool;
        std::unique_ptr<store::Store> m_store;
    };

    /// A connection of its own until the lease ends; opened when none is free.
    Lease borrow();

    /// The writer connection, held by the caller alone until the lease ends.
    class WriterLease {
    public:
        explicit WriterLease(StorePool& pool) : m_lock(pool.m_writerMutex), m_store(*pool.m_writer) {}
        store::Store& operator*() const { return m_store; }
        store::Store* operator->() const { return &m_store; }

    private:
        std::unique_lock<std::mutex> m_lock;
        store::Store& m_store;
    };
    WriterLease writer() { return WriterLease(*this); }
    const std::string& location() const { return m_location; }

private:
    std::string m_location;
    std::mutex m_mutex;
    std::vector<std::unique_ptr<store::Store>> m_free;
    std::mutex m_writerMutex;
    std::unique_ptr<store::Store> m_writer;
};

} // namespace tongban::server
