#ifndef CLIBMSPACK_SHIM_H
#define CLIBMSPACK_SHIM_H

#include <mspack.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* libmspack reads and writes through a `mspack_system` of callbacks; this one lets a cabinet be read from a
   file or from memory (a cabinet inside a cabinet: wsusscn2.cab holds package.cab), and hands every
   decompressed block of a member to a callback instead of a file, so nothing is written to disk. Its `message`
   callback is variadic, which Swift cannot define: hence C. */

/* Receives `count` decompressed bytes; returns 0 to go on, anything else to stop the extraction. */
typedef int (*clibmspack_sink)(void *context, const void *bytes, int count);

/* The name under which `open` gives the system's memory buffer instead of a file. */
#define CLIBMSPACK_MEMORY_NAME "<memory>"

struct clibmspack_system {
    struct mspack_system base;
    const unsigned char *memory;
    size_t memory_length;
    clibmspack_sink sink;
    void *sink_context;
};

struct clibmspack_file {
    int kind; /* 0: a file read, 1: the memory buffer, 2: the sink */
    FILE *real;
    const unsigned char *memory;
    size_t length;
    size_t position;
    clibmspack_sink sink;
    void *context;
};

static struct mspack_file *clibmspack_open(struct mspack_system *self, const char *name, int mode) {
    struct clibmspack_system *system = (struct clibmspack_system *)self;
    struct clibmspack_file *file = calloc(1, sizeof(struct clibmspack_file));
    if (!file) return NULL;
    if (mode == MSPACK_SYS_OPEN_WRITE) {
        if (!system->sink) { free(file); return NULL; }
        file->kind = 2;
        file->sink = system->sink;
        file->context = system->sink_context;
    } else if (mode != MSPACK_SYS_OPEN_READ) {
        free(file);
        return NULL;
    } else if (strcmp(name, CLIBMSPACK_MEMORY_NAME) == 0 && system->memory) {
        file->kind = 1;
        file->memory = system->memory;
        file->length = system->memory_length;
    } else {
        file->kind = 0;
        file->real = fopen(name, "rb");
        if (!file->real) { free(file); return NULL; }
    }
    return (struct mspack_file *)file;
}

static void clibmspack_close(struct mspack_file *handle) {
    struct clibmspack_file *file = (struct clibmspack_file *)handle;
    if (!file) return;
    if (file->real) fclose(file->real);
    free(file);
}

static int clibmspack_read(struct mspack_file *handle, void *buffer, int bytes) {
    struct clibmspack_file *file = (struct clibmspack_file *)handle;
    if (!file || bytes < 0) return -1;
    if (file->kind == 0) {
        size_t count = fread(buffer, 1, (size_t)bytes, file->real);
        return ferror(file->real) ? -1 : (int)count;
    }
    if (file->kind == 1) {
        size_t left = file->position < file->length ? file->length - file->position : 0;
        size_t count = (size_t)bytes < left ? (size_t)bytes : left;
        memcpy(buffer, file->memory + file->position, count);
        file->position += count;
        return (int)count;
    }
    return -1;
}

static int clibmspack_write(struct mspack_file *handle, void *buffer, int bytes) {
    struct clibmspack_file *file = (struct clibmspack_file *)handle;
    if (!file || file->kind != 2 || bytes < 0) return -1;
    if (bytes == 0) return 0;
    return file->sink(file->context, buffer, bytes) == 0 ? bytes : -1;
}

static int clibmspack_seek(struct mspack_file *handle, off_t offset, int mode) {
    struct clibmspack_file *file = (struct clibmspack_file *)handle;
    if (!file) return -1;
    if (file->kind == 0) {
        int whence = mode == MSPACK_SYS_SEEK_START ? SEEK_SET : mode == MSPACK_SYS_SEEK_CUR ? SEEK_CUR : SEEK_END;
        return fseeko(file->real, offset, whence) == 0 ? 0 : -1;
    }
    if (file->kind == 1) {
        off_t base = mode == MSPACK_SYS_SEEK_START ? 0
            : mode == MSPACK_SYS_SEEK_CUR ? (off_t)file->position : (off_t)file->length;
        off_t target = base + offset;
        if (target < 0 || (size_t)target > file->length) return -1;
        file->position = (size_t)target;
        return 0;
    }
    return -1;
}

static off_t clibmspack_tell(struct mspack_file *handle) {
    struct clibmspack_file *file = (struct clibmspack_file *)handle;
    if (!file) return -1;
    if (file->kind == 0) return ftello(file->real);
    if (file->kind == 1) return (off_t)file->position;
    return -1;
}

/* libmspack's warnings about damaged cabinets: the extraction's error says what went wrong. */
static void clibmspack_message(struct mspack_file *file, const char *format, ...) {
    (void)file;
    (void)format;
}

static void *clibmspack_alloc(struct mspack_system *self, size_t bytes) {
    (void)self;
    return malloc(bytes);
}

static void clibmspack_free(void *pointer) { free(pointer); }

static void clibmspack_copy(void *source, void *destination, size_t bytes) { memmove(destination, source, bytes); }

/* A cabinet decompressor reading through `system`, whose callbacks this fills in. */
static struct mscab_decompressor *clibmspack_create(struct clibmspack_system *system) {
    system->base.open = clibmspack_open;
    system->base.close = clibmspack_close;
    system->base.read = clibmspack_read;
    system->base.write = clibmspack_write;
    system->base.seek = clibmspack_seek;
    system->base.tell = clibmspack_tell;
    system->base.message = clibmspack_message;
    system->base.alloc = clibmspack_alloc;
    system->base.free = clibmspack_free;
    system->base.copy = clibmspack_copy;
    system->base.null_ptr = NULL;
    return mspack_create_cab_decompressor(&system->base);
}

#endif
