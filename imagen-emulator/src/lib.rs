//! imagen-emulator
