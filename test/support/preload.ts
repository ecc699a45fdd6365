// Every test file loads the platform's modules as main.ts does (jest setupFiles).
import '../../gateway/preload';
