// OGraf entry point of seat-full.html: the template itself, in a Web Component.
import { templateGraphic } from '../runtime/ograf-graphic.mjs';

export default templateGraphic('../templates/seat-full.html');
