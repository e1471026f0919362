// OGraf entry point of swingometer.html: the template itself, in a Web Component.
import { templateGraphic } from '../runtime/ograf-graphic.mjs';

export default templateGraphic('../templates/swingometer.html');
