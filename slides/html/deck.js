// l2geom HTML deck: reveal.js does the navigation; this plays the videos.
//
// A video starts when its slide opens and stops at its first pause point. Each further
// step is a reveal.js fragment: → plays to the next pause point (or to the end), ← goes
// back to the previous one, and after the last step → goes to the next slide.
(function () {
  "use strict";

  function stopsOf(video) { return JSON.parse(video.dataset.stops || "[]"); }

  // Where step k ends: the k-th stop, or the video's end after the last one.
  function target(video, k) {
    var stops = stopsOf(video);
    return k < stops.length ? stops[k] : null;
  }

  function halt(video) {
    if (video.l2Watch) { cancelAnimationFrame(video.l2Watch); video.l2Watch = null; }
    video.pause();
  }

  // Play from where the video is to time `end` (null: to its end), then hold that frame.
  function playTo(video, end) {
    halt(video);
    if (end !== null && video.currentTime >= end) { video.currentTime = end; return; }
    var watch = function () {
      if (end !== null && video.currentTime >= end) {
        halt(video);
        video.currentTime = end;
        return;
      }
      video.l2Watch = requestAnimationFrame(watch);
    };
    var started = video.play();
    if (started && started.catch) { started.catch(function () { halt(video); }); }
    video.l2Watch = requestAnimationFrame(watch);
  }

  // Show step k of a slide's videos as a still: where step k - 1 ended.
  function holdAt(video, k) {
    halt(video);
    var end = k > 0 ? target(video, k - 1) : 0;
    video.currentTime = end === null ? video.duration || 0 : end;
  }

  function videosOf(slide) {
    return slide ? Array.prototype.slice.call(slide.querySelectorAll("video.l2-movie")) : [];
  }

  function stepOf(slide) { return slide.querySelectorAll(".fragment.l2-step.visible").length; }

  function enter(slide) {
    var k = stepOf(slide);
    videosOf(slide).forEach(function (video) {
      if (k === 0) { video.currentTime = 0; playTo(video, target(video, 0)); }
      else { holdAt(video, k + 1); }
    });
  }

  Reveal.initialize(window.L2GEOM_DECK).then(function () { enter(Reveal.getCurrentSlide()); });

  Reveal.on("slidechanged", function (event) {
    videosOf(event.previousSlide).forEach(halt);
    enter(event.currentSlide);
  });

  Reveal.on("fragmentshown", function (event) {
    if (!event.fragment.classList.contains("l2-step")) { return; }
    var k = Number(event.fragment.dataset.fragmentIndex) + 1;
    videosOf(Reveal.getCurrentSlide()).forEach(function (video) {
      video.currentTime = target(video, k - 1);
      playTo(video, target(video, k));
    });
  });

  Reveal.on("fragmenthidden", function (event) {
    if (!event.fragment.classList.contains("l2-step")) { return; }
    var k = Number(event.fragment.dataset.fragmentIndex);
    videosOf(Reveal.getCurrentSlide()).forEach(function (video) { holdAt(video, k + 1); });
  });
})();
